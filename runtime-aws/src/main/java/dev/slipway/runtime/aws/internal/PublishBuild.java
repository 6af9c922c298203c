package dev.slipway.runtime.aws.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.core.Action;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.Credentials;
import dev.slipway.core.ImageSource;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PhaseType;
import dev.slipway.core.PublishAction;
import dev.slipway.core.Registry;
import dev.slipway.core.Secret;
import dev.slipway.core.Stage;
import dev.slipway.core.spi.Templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A publish action as CodeBuild runs it: a generated privileged project whose buildspec logs in to the registry,
 * builds (or loads) the image, tags it with the resolved tags, pushes it and exports what it pushed. Variables
 * that earlier builds exported reach the tags through CodePipeline namespaces: the action's
 * {@code EnvironmentVariables} holds {@code #{Build.APP_VERSION}}, which CodePipeline resolves before the build
 * starts.
 */
public final class PublishBuild {
    public static final String IMAGE_VARIABLE = "SLIPWAY_IMAGE";
    public static final String TAGS_VARIABLE = "SLIPWAY_IMAGE_TAGS";
    public static final String DIGEST_VARIABLE = "SLIPWAY_IMAGE_DIGEST";
    public static final String BUILD_IMAGE = "aws/codebuild/standard:7.0";
    private static final String LOCAL_TAG = "slipway-publish:build";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishBuild() {
    }

    /** A variable a tag uses: the shell name the buildspec reads and the CodePipeline reference it is set from. */
    record TagVariable(String shellName, String namespace, String variable) {
        String reference() {
            return "#{" + namespace + "." + variable + "}";
        }
    }

    /** The project that runs the publish action. */
    static ResourceModel.Project project(Pipeline pipeline, PublishAction publish, AwsScope scope, String roleName) {
        String name = Naming.publishProject(pipeline.name(), publish.name());
        List<ResourceModel.EnvVar> variables = new ArrayList<>();
        variables.add(new ResourceModel.EnvVar("SLIPWAY_REGISTRY", registryHost(publish.registry(), scope), "PLAINTEXT"));
        variables.add(new ResourceModel.EnvVar(IMAGE_VARIABLE, image(publish, scope), "PLAINTEXT"));
        if (publish.registry() instanceof Registry.Ecr ecr) {
            variables.add(new ResourceModel.EnvVar("SLIPWAY_REGISTRY_REGION", ecr.region().orElse(scope.region()), "PLAINTEXT"));
        } else if (publish.registry() instanceof Registry.Docker docker && docker.credentials().isPresent()) {
            Credentials credentials = docker.credentials().get();
            variables.add(new ResourceModel.EnvVar("SLIPWAY_REGISTRY_USERNAME", credentials.username(), "PLAINTEXT"));
            variables.add(ProjectSettings.variable("SLIPWAY_REGISTRY_PASSWORD", credentials.password()));
        }
        return new ResourceModel.Project(Naming.logicalId("Project", name), name,
                "Slipway: publishes " + publish.repository() + " for pipeline " + pipeline.name() + " (action " + publish.name() + ")",
                "CODEPIPELINE", buildSpec(pipeline, publish).toYaml(), "CODEPIPELINE", BUILD_IMAGE, "BUILD_GENERAL1_SMALL",
                true, variables, 60, roleName);
    }

    /** The registry host the image goes to; empty for Docker Hub. */
    static String registryHost(Registry registry, AwsScope scope) {
        if (registry instanceof Registry.Ecr ecr) {
            AwsScope target = new AwsScope(scope.partition(), ecr.region().orElse(scope.region()), ecr.accountId().orElse(scope.accountId()));
            return target.ecrHost();
        }
        return ((Registry.Docker) registry).host();
    }

    static String image(PublishAction publish, AwsScope scope) {
        String host = registryHost(publish.registry(), scope);
        return host.isEmpty() ? publish.repository() : host + "/" + publish.repository();
    }

    /** The buildspec of the publish project. */
    public static BuildSpec buildSpec(Pipeline pipeline, PublishAction publish) {
        List<String> login = new ArrayList<>();
        if (publish.registry() instanceof Registry.Ecr) {
            login.add("aws ecr get-login-password --region \"$SLIPWAY_REGISTRY_REGION\" | docker login --username AWS --password-stdin \"$SLIPWAY_REGISTRY\"");
        } else if (publish.registry() instanceof Registry.Docker docker && docker.credentials().isPresent()) {
            login.add("printf '%s' \"$SLIPWAY_REGISTRY_PASSWORD\" | docker login --username \"$SLIPWAY_REGISTRY_USERNAME\" --password-stdin "
                    + (docker.host().isEmpty() ? "" : "\"$SLIPWAY_REGISTRY\""));
        }
        List<String> build = new ArrayList<>();
        if (publish.source() instanceof ImageSource.Dockerfile dockerfile) {
            build.add("docker build --file \"$CODEBUILD_SRC_DIR/" + dockerfile.dockerfile() + "\" --tag " + LOCAL_TAG
                    + " \"$CODEBUILD_SRC_DIR/" + dockerfile.context() + "\"");
        } else {
            ImageSource.LocalImage local = (ImageSource.LocalImage) publish.source();
            build.add("for archive in \"$CODEBUILD_SRC_DIR\"/*.tar; do docker load --input \"$archive\"; done");
            build.add("docker tag \"" + local.reference() + "\" " + LOCAL_TAG);
        }
        Map<String, TagVariable> variables = tagVariables(pipeline, publish);
        List<String> tags = publish.tags().stream().map(tag -> shellTag(tag, pipeline, publish, variables)).toList();
        for (String tag : tags) {
            build.add("docker tag " + LOCAL_TAG + " \"$" + IMAGE_VARIABLE + ":" + tag + "\"");
            build.add("docker push \"$" + IMAGE_VARIABLE + ":" + tag + "\"");
        }
        build.add("export " + TAGS_VARIABLE + "=\"" + String.join(",", tags) + "\"");
        build.add("export " + DIGEST_VARIABLE + "=$(docker inspect --format '{{index .RepoDigests 0}}' \"$" + IMAGE_VARIABLE + ":"
                + tags.get(0) + "\" | sed 's/.*@//')");
        BuildSpec.Builder spec = BuildSpec.builder()
                .env(BuildSpec.Env.EMPTY.withExportedVariables(List.of(IMAGE_VARIABLE, TAGS_VARIABLE, DIGEST_VARIABLE)));
        if (!login.isEmpty()) {
            spec.phase(PhaseType.PRE_BUILD, BuildSpec.Phase.EMPTY.withCommands(login));
        }
        return spec.phase(PhaseType.BUILD, BuildSpec.Phase.EMPTY.withCommands(build)).build();
    }

    private static String shellTag(String tag, Pipeline pipeline, PublishAction publish, Map<String, TagVariable> variables) {
        return Templates.expand(tag, ref -> Optional.of("${" + variables.get(key(ref, pipeline, publish)).shellName() + "}"));
    }

    /** The action's {@code EnvironmentVariables} configuration value, when the tags use exported variables. */
    public static Optional<String> actionVariablesJson(Pipeline pipeline, PublishAction publish) {
        Map<String, TagVariable> variables = tagVariables(pipeline, publish);
        if (variables.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, String>> entries = new ArrayList<>();
        for (TagVariable v : variables.values()) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("name", v.shellName());
            entry.put("value", v.reference());
            entry.put("type", "PLAINTEXT");
            entries.add(entry);
        }
        try {
            return Optional.of(JSON.writeValueAsString(entries));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The build actions whose namespaces the publish actions of the pipeline read. */
    public static List<String> referencedBuilds(Pipeline pipeline) {
        List<String> names = new ArrayList<>();
        pipeline.actions().filter(a -> a instanceof PublishAction).map(PublishAction.class::cast)
                .forEach(p -> p.tags().forEach(tag -> Templates.references(tag)
                        .forEach(ref -> producer(pipeline, p, ref).ifPresent(b -> names.add(b.name())))));
        return names.stream().distinct().toList();
    }

    private static Map<String, TagVariable> tagVariables(Pipeline pipeline, PublishAction publish) {
        Map<String, TagVariable> variables = new LinkedHashMap<>();
        for (String tag : publish.tags()) {
            for (Templates.Reference ref : Templates.references(tag)) {
                String key = key(ref, pipeline, publish);
                Optional<BuildAction> producer = producer(pipeline, publish, ref);
                String namespace = PipelineDeclarations.namespace(pipeline, producer.map(Action::name).orElse(ref.action().orElse("Build")));
                variables.putIfAbsent(key, new TagVariable(("SLIPWAY_" + namespace + "_" + ref.variable()).replaceAll("[^A-Za-z0-9_]", "_"),
                        namespace, ref.variable()));
            }
        }
        return variables;
    }

    private static String key(Templates.Reference ref, Pipeline pipeline, PublishAction publish) {
        return producer(pipeline, publish, ref).map(Action::name).orElse(ref.action().orElse("")) + "." + ref.variable();
    }

    /**
     * The build a reference reads, decided as the executor does at run time: the named action, or else the latest
     * earlier build that exports the variable (a build whose buildspec is read from its source may export anything).
     */
    static Optional<BuildAction> producer(Pipeline pipeline, PublishAction publish, Templates.Reference ref) {
        List<BuildAction> earlier = earlierBuilds(pipeline, publish);
        if (ref.action().isPresent()) {
            return earlier.stream().filter(b -> b.name().equals(ref.action().get())).reduce((a, b) -> b);
        }
        Optional<BuildAction> declared = earlier.stream().filter(b -> b.exportedVariables().contains(ref.variable())).reduce((a, b) -> b);
        return declared.isPresent() ? declared : earlier.stream().filter(b -> b.buildSpec().isEmpty()).reduce((a, b) -> b);
    }

    private static List<BuildAction> earlierBuilds(Pipeline pipeline, PublishAction publish) {
        List<BuildAction> builds = new ArrayList<>();
        for (Stage stage : pipeline.stages()) {
            boolean here = stage.actions().contains(publish);
            for (Action action : stage.actions()) {
                if (action instanceof BuildAction build && (!here || action.runOrder() < publish.runOrder())) {
                    builds.add(build);
                }
            }
            if (here) {
                break;
            }
        }
        return builds;
    }

    /** Whether a secret reference is deployable (not a value held in memory). */
    static boolean deployable(Secret secret) {
        return !(secret instanceof Secret.Value);
    }
}
