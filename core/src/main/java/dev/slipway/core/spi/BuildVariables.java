package dev.slipway.core.spi;

import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.EnvValue;
import dev.slipway.core.Secret;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceLocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The environment of a build as CodeBuild makes it (CODEBUILD.md §3): buildspec variables, replaced by
 * project variables, replaced by run overrides; then the {@code CODEBUILD_*} variables, which users cannot
 * set. Secret values are resolved here and listed for masking.
 */
public final class BuildVariables {

    /** The variables, in the order they were set, and the values that must be masked. */
    public record Resolved(Map<String, String> variables, Set<String> secretValues) {
        public Resolved {
            variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
            secretValues = Set.copyOf(secretValues);
        }
    }

    private BuildVariables() {
    }

    public static Resolved resolve(BuildRequest request, BuildSpec spec, BuildHost host, long startMillis) {
        BuildAction action = request.action();
        ActionContext ctx = request.context();
        Map<String, String> vars = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();

        vars.put("AWS_REGION", request.region());
        vars.put("AWS_DEFAULT_REGION", request.region());
        vars.putAll(spec.env().variables());
        spec.env().parameterStore().forEach((name, parameter) ->
                putSecret(vars, secrets, name, request.secrets().resolve(new Secret.ParameterStore(parameter))));
        spec.env().secretsManager().forEach((name, reference) ->
                putSecret(vars, secrets, name, request.secrets().resolve(new Secret.SecretsManager(reference))));
        put(vars, secrets, action.environment().variables(), request);
        put(vars, secrets, ctx.options().environmentOverrides(), request);

        String uuid = request.buildUuid();
        vars.put("CODEBUILD_BUILD_ID", request.buildId());
        vars.put("CODEBUILD_BUILD_ARN", "arn:aws:codebuild:" + request.region() + ":" + request.accountId() + ":build/" + request.buildId());
        vars.put("CODEBUILD_BUILD_NUMBER", Long.toString(request.buildNumber()));
        vars.put("CODEBUILD_BUILD_IMAGE", action.environment().image());
        vars.put("CODEBUILD_BUILD_SUCCEEDING", "1");
        vars.put("CODEBUILD_INITIATOR", ctx.options().initiator().orElse("codepipeline/" + ctx.pipeline().name()));
        vars.put("CODEBUILD_LOG_PATH", uuid);
        vars.put("CODEBUILD_START_TIME", Long.toString(startMillis));
        vars.put("CODEBUILD_SRC_DIR", host.sourceDirectory());
        ctx.primaryInput().ifPresent(primary -> {
            if (!primary.commit().isEmpty()) {
                vars.put("CODEBUILD_RESOLVED_SOURCE_VERSION", primary.commit());
            }
            sourceOf(ctx, primary).ifPresent(source -> {
                if (source.location() instanceof SourceLocation.GitRepository git) {
                    vars.put("CODEBUILD_SOURCE_REPO_URL", git.url());
                }
                vars.put("CODEBUILD_SOURCE_VERSION", primary.commit().isEmpty() ? source.ref().value() : primary.commit());
            });
        });
        ctx.inputs().stream().skip(1).forEach(input ->
                vars.put("CODEBUILD_SRC_DIR_" + input.name(), host.secondarySourceDirectory(input.name())));
        vars.put("HOME", "/root");
        return new Resolved(vars, secrets);
    }

    private static java.util.Optional<SourceAction> sourceOf(ActionContext ctx, ArtifactInput input) {
        return ctx.pipeline().actions()
                .filter(a -> a instanceof SourceAction && a.outputArtifacts().contains(input.name()))
                .map(SourceAction.class::cast)
                .findFirst();
    }

    private static void put(Map<String, String> vars, Set<String> secrets, Map<String, EnvValue> values, BuildRequest request) {
        values.forEach((name, value) -> {
            if (value instanceof Secret secret) {
                putSecret(vars, secrets, name, request.secrets().resolve(secret));
            } else {
                vars.put(name, ((EnvValue.Plain) value).value());
            }
        });
    }

    private static void putSecret(Map<String, String> vars, Set<String> secrets, String name, String value) {
        vars.put(name, value);
        secrets.add(value);
    }
}
