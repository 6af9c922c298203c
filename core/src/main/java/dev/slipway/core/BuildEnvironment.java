package dev.slipway.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how a build runs: image, compute size, Docker access, variables, timeout and retries.
 *
 * @param image          the build image ({@code slipway/debian}, an ECR URI, {@code aws/codebuild/standard:7.0})
 * @param computeType    CodeBuild compute size (default SMALL)
 * @param privileged     privileged mode, needed for Docker-in-Docker ({@code nohup dockerd &} in pre_build)
 * @param hostDockerSocket LocalRuntime only: mount the host's Docker socket instead of running Docker-in-Docker
 *                       (faster; images built stay on the host daemon). AwsRuntime deploys it as privileged mode.
 * @param variables      project-level variables; they win over the buildspec's {@code env.variables}
 * @param timeout        5 minutes to 36 hours (CodeBuild's limits); default 60 minutes
 * @param retry          how often a failed build runs again
 */
public record BuildEnvironment(
        String image,
        ComputeType computeType,
        boolean privileged,
        boolean hostDockerSocket,
        Map<String, EnvValue> variables,
        Duration timeout,
        RetryPolicy retry) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);
    public static final Duration MIN_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration MAX_TIMEOUT = Duration.ofHours(36);

    public BuildEnvironment {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(computeType, "computeType");
        LinkedHashMap<String, EnvValue> copy = new LinkedHashMap<>();
        Objects.requireNonNull(variables, "variables").forEach((k, v) ->
                copy.put(Objects.requireNonNull(k, "variable name"), Objects.requireNonNull(v, "value of " + k)));
        variables = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retry, "retry");
    }

    public static BuildEnvironment of(String image) {
        return new BuildEnvironment(image, ComputeType.SMALL, false, false, Map.of(), DEFAULT_TIMEOUT, RetryPolicy.none());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BuildEnvironment[image=").append(image).append(", ").append(computeType);
        if (privileged) {
            s.append(", privileged");
        }
        if (hostDockerSocket) {
            s.append(", host docker socket");
        }
        s.append(", variables=").append(variables.keySet())   // values may be secrets: names only
                .append(", timeout=").append(timeout.toMinutes()).append("m");
        if (retry.maxRetries() > 0) {
            s.append(", retries=").append(retry.maxRetries());
        }
        return s.append(']').toString();
    }
}
