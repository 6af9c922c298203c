package dev.slipway.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the integration tests need to know about the real parts started by {@code scripts/test-env}:
 * read from the process environment (when {@code scripts/test} sourced {@code .test-env/env}) or else
 * from the {@code .test-env/env} file of the checkout the test runs in.
 *
 * <p>A missing value is a test failure that says to run {@code scripts/test-env}; integration tests never
 * skip silently.
 */
public final class TestEnvironment {
    private static final String HOW_TO_FIX =
            "run scripts/test-env (it starts Docker, the registry and moto and writes .test-env/env), "
                    + "or run the whole suite with scripts/test";
    private static final Pattern EXPORT = Pattern.compile("^export ([A-Z0-9_]+)=(.*)$");

    private final Map<String, String> values;

    private TestEnvironment(Map<String, String> values) {
        this.values = values;
    }

    public static TestEnvironment load() {
        Map<String, String> merged = new HashMap<>(readEnvFile());
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("SLIPWAY_") || k.startsWith("AWS_") || k.equals("DOCKER_HOST")) {
                merged.put(k, v);
            }
        });
        return new TestEnvironment(merged);
    }

    /** The Docker host, for example {@code unix:///var/run/docker.sock}. */
    public String dockerHost() {
        return require("DOCKER_HOST", "the Docker Engine");
    }

    /** The local registry as {@code host:port}. */
    public String registry() {
        return require("SLIPWAY_REGISTRY", "the container registry");
    }

    /** The AWS emulator (moto) endpoint. */
    public URI awsEndpoint() {
        return URI.create(require("SLIPWAY_AWS_ENDPOINT", "the AWS emulator (moto)"));
    }

    public String awsRegion() {
        return require("AWS_REGION", "the AWS region for the emulator");
    }

    public String busyboxImage() {
        return get("SLIPWAY_BUSYBOX_IMAGE").orElse("slipway/busybox:latest");
    }

    public String debianImage() {
        return get("SLIPWAY_DEBIAN_IMAGE").orElse("slipway/debian:latest");
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String require(String name, String what) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(what + " is not configured (" + name + " is unset): " + HOW_TO_FIX);
        }
        return value;
    }

    /** The message integration tests fail with when a real part does not answer. */
    public static String howToFix(String what) {
        return what + " does not answer: " + HOW_TO_FIX;
    }

    private static Map<String, String> readEnvFile() {
        Map<String, String> values = new HashMap<>();
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path env = dir.resolve(".test-env").resolve("env");
            if (Files.isRegularFile(env)) {
                try {
                    for (String line : Files.readAllLines(env)) {
                        Matcher m = EXPORT.matcher(line.trim());
                        if (m.matches()) {
                            values.put(m.group(1), m.group(2));
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + env + ": " + e.getMessage(), e);
                }
                return values;
            }
            dir = dir.getParent();
        }
        return values;
    }
}
