package dev.slipway.runtime.local;

import dev.slipway.core.SlipwayException;

/**
 * The Docker Engine LocalRuntime was told to use does not answer. Thrown by {@link LocalRuntime#start} before
 * anything of the run starts, so nothing needs cleaning up.
 *
 * <pre>{@code
 * try (LocalRuntime runtime = LocalRuntime.create()) {
 *     runtime.run(pipeline);
 * } catch (DockerUnavailableException e) {
 *     System.err.println(e.getMessage());   // names the Docker host and what to do
 * }
 * }</pre>
 */
public final class DockerUnavailableException extends SlipwayException {
    private final String dockerHost;

    public DockerUnavailableException(String dockerHost, String reason, Throwable cause) {
        super("Docker does not answer at " + dockerHost + ": " + reason
                + ". Start the Docker Engine (or run scripts/test-env in a Slipway checkout), "
                + "or point LocalRuntime.builder().dockerHost(...) or DOCKER_HOST at a running one.", cause);
        this.dockerHost = dockerHost;
    }

    /** The Docker host that did not answer, e.g. {@code unix:///var/run/docker.sock}. */
    public String dockerHost() {
        return dockerHost;
    }
}
