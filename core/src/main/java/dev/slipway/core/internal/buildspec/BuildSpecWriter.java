package dev.slipway.core.internal.buildspec;

import dev.slipway.core.BuildSpec;
import dev.slipway.core.internal.buildspec.YamlEmitter.Typed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders a {@link BuildSpec} as buildspec YAML in CodeBuild's conventional layout and key order. */
public final class BuildSpecWriter {
    private BuildSpecWriter() {
    }

    /**
     * Renders {@code spec} as YAML that CodeBuild accepts and that {@link BuildSpecReader#read} reads back equal.
     *
     * @throws IllegalArgumentException for a version 0.1 spec whose {@code env} holds more than plain-text variables,
     *                                  which version 0.1 cannot express
     */
    public static String write(BuildSpec spec) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", isKnownVersion(spec.version()) ? new Typed(spec.version()) : spec.version());
        spec.runAs().ifPresent(user -> doc.put("run-as", user));
        if (spec.oneShellPerCommand()) {
            environmentVariables(spec.env()).ifPresent(env -> doc.put("environment_variables", env));
        } else if (!spec.env().isEmpty()) {
            doc.put("env", env(spec.env()));
        }
        spec.proxy().ifPresent(proxy -> doc.put("proxy", proxy(proxy)));
        spec.batch().ifPresent(batch -> doc.put("batch", typed(batch.definition())));
        Map<String, Object> phases = new LinkedHashMap<>();
        spec.phases().forEach((type, phase) -> phases.put(type.buildspecKey().orElseThrow(), phase(phase, type.buildspecKey().get())));
        doc.put("phases", phases);
        if (!spec.reports().isEmpty()) {
            Map<String, Object> reports = new LinkedHashMap<>();
            spec.reports().forEach((group, report) -> reports.put(group, report(report)));
            doc.put("reports", reports);
        }
        spec.artifacts().ifPresent(artifacts -> doc.put("artifacts", artifacts(artifacts)));
        spec.cache().ifPresent(cache -> doc.put("cache", cache(cache)));
        return YamlEmitter.write(doc);
    }

    private static boolean isKnownVersion(String version) {
        return version.equals(BuildSpec.VERSION_0_2) || version.equals(BuildSpec.VERSION_0_1);
    }

    private static Optional<Map<String, Object>> environmentVariables(BuildSpec.Env env) {
        if (!env.equals(BuildSpec.Env.EMPTY.withVariables(env.variables()))) {
            throw new IllegalArgumentException("a version 0.1 buildspec can only hold plain-text variables "
                    + "(environment_variables: plaintext:); use version 0.2 for " + env);
        }
        return env.variables().isEmpty() ? Optional.empty() : Optional.of(Map.of("plaintext", env.variables()));
    }

    private static Map<String, Object> env(BuildSpec.Env env) {
        Map<String, Object> map = new LinkedHashMap<>();
        env.shell().ifPresent(shell -> map.put("shell", shell));
        putIfNotEmpty(map, "variables", env.variables());
        putIfNotEmpty(map, "parameter-store", env.parameterStore());
        putIfNotEmpty(map, "secrets-manager", env.secretsManager());
        putIfNotEmpty(map, "exported-variables", env.exportedVariables());
        env.gitCredentialHelper().ifPresent(yes -> map.put("git-credential-helper", yesNo(yes)));
        return map;
    }

    private static Map<String, Object> proxy(BuildSpec.Proxy proxy) {
        Map<String, Object> map = new LinkedHashMap<>();
        proxy.uploadArtifacts().ifPresent(yes -> map.put("upload-artifacts", yesNo(yes)));
        proxy.logs().ifPresent(yes -> map.put("logs", yesNo(yes)));
        return map;
    }

    private static Map<String, Object> phase(BuildSpec.Phase phase, String name) {
        Map<String, Object> map = new LinkedHashMap<>();
        phase.runAs().ifPresent(user -> map.put("run-as", user));
        phase.onFailure().ifPresent(onFailure -> map.put("on-failure", onFailure.toBuildspecValue()));
        putIfNotEmpty(map, "runtime-versions", phase.runtimeVersions());
        if (!phase.commands().isEmpty() || !name.equals("install")) {
            map.put("commands", phase.commands());
        }
        putIfNotEmpty(map, "finally", phase.finallyCommands());
        return map;
    }

    private static Map<String, Object> report(BuildSpec.Report report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("files", report.files());
        report.baseDirectory().ifPresent(dir -> map.put("base-directory", dir));
        report.discardPaths().ifPresent(yes -> map.put("discard-paths", yesNo(yes)));
        report.fileFormat().ifPresent(format -> map.put("file-format", format));
        return map;
    }

    private static Map<String, Object> artifacts(BuildSpec.Artifacts artifacts) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("files", artifacts.files());
        artifacts.name().ifPresent(name -> map.put("name", name));
        artifacts.discardPaths().ifPresent(yes -> map.put("discard-paths", yesNo(yes)));
        artifacts.baseDirectory().ifPresent(dir -> map.put("base-directory", dir));
        putIfNotEmpty(map, "exclude-paths", artifacts.excludePaths());
        artifacts.enableSymlinks().ifPresent(yes -> map.put("enable-symlinks", yesNo(yes)));
        artifacts.s3Prefix().ifPresent(prefix -> map.put("s3-prefix", prefix));
        if (!artifacts.secondaryArtifacts().isEmpty()) {
            Map<String, Object> secondaries = new LinkedHashMap<>();
            artifacts.secondaryArtifacts().forEach((id, secondary) -> secondaries.put(id, artifacts(secondary)));
            map.put("secondary-artifacts", secondaries);
        }
        return map;
    }

    private static Map<String, Object> cache(BuildSpec.Cache cache) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("paths", cache.paths());
        cache.key().ifPresent(key -> map.put("key", key));
        putIfNotEmpty(map, "fallback-keys", cache.fallbackKeys());
        cache.action().ifPresent(action -> map.put("action", action));
        return map;
    }

    private static Typed yesNo(boolean yes) {
        return new Typed(yes ? "yes" : "no");
    }

    // Batch settings are written plain where YAML allows, so fast-fail: false stays a boolean for CodeBuild.
    private static Object typed(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put((String) key, typed(value)));
            return copy;
        }
        if (tree instanceof List<?> list) {
            return list.stream().map(BuildSpecWriter::typed).toList();
        }
        return new Typed(String.valueOf(tree));
    }

    private static void putIfNotEmpty(Map<String, Object> map, String key, Map<String, String> value) {
        if (!value.isEmpty()) {
            map.put(key, value);
        }
    }

    private static void putIfNotEmpty(Map<String, Object> map, String key, List<String> value) {
        if (!value.isEmpty()) {
            map.put(key, value);
        }
    }
}
