package dev.slipway.runtime.local.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.slipway.core.Failure;
import dev.slipway.core.Status;
import dev.slipway.core.spi.PhaseFailedException;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One build container: created from the build image with the {@link AgentScript agent} as its entrypoint
 * (the image's own entrypoint and user are ignored, as CodeBuild ignores them), attached, started; files
 * copied in and out; killed and removed. Every container (and the volume a privileged build keeps
 * {@code /var/lib/docker} on, so that a nested {@code dockerd} can use overlay) carries Slipway's labels and
 * is known to the {@link ResourceTracker} until removed.
 */
public final class BuildContainer {
    public static final String PULL_ERROR = "BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE";

    /** What to create. */
    public record Spec(String image, String name, Map<String, String> labels, String workingDirectory, long memoryBytes,
                       boolean privileged, boolean hostDockerSocket) {
    }

    private final DockerClient docker;
    private final DockerCalls calls;
    private final ResourceTracker tracker;
    private final String id;
    private final Optional<String> volume;
    private final ContainerShell shell;

    private BuildContainer(DockerClient docker, DockerCalls calls, ResourceTracker tracker, String id,
                           Optional<String> volume, ContainerShell shell) {
        this.docker = docker;
        this.calls = calls;
        this.tracker = tracker;
        this.id = id;
        this.volume = volume;
        this.shell = shell;
    }

    /**
     * Creates, attaches and starts the container. An image that is not on the daemon is pulled first
     * ({@code auth} gives credentials for its registry); when that fails, PROVISIONING ends with a FAULT naming
     * the image, as CodeBuild's {@code BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE}.
     */
    public static BuildContainer start(Spec spec, DockerClient docker, DockerCalls calls, ResourceTracker tracker,
                                       PrivilegedMode privileged, Function<ImageRef, Optional<AuthConfig>> auth) {
        Optional<String> volume = Optional.empty();
        if (spec.privileged()) {
            String name = spec.name() + "-docker";
            calls.call("create volume", () -> docker.createVolumeCmd().withName(name).withLabels(spec.labels()).exec());
            tracker.volumeCreated(name);
            volume = Optional.of(name);
        }
        try {
            while (true) {
                String id = create(spec, volume, docker, calls, tracker, privileged, auth);
                ContainerShell shell = new ContainerShell();
                BuildContainer container = new BuildContainer(docker, calls, tracker, id, volume, shell);
                try {
                    container.attachAndStart();
                    return container;
                } catch (RuntimeException e) {
                    container.removeContainerOnly();
                    if (spec.privileged() && privileged.switchOnRefusal(e)) {
                        continue;
                    }
                    throw PhaseFailedException.fault("cannot start the build container from image " + spec.image()
                            + ": " + DockerFaults.describe(e), e);
                }
            }
        } catch (RuntimeException e) {
            volume.ifPresent(v -> removeQuietly(() -> tracker.removeVolume(v)));
            throw e;
        }
    }

    private static String create(Spec spec, Optional<String> volume, DockerClient docker, DockerCalls calls,
                                 ResourceTracker tracker, PrivilegedMode privileged,
                                 Function<ImageRef, Optional<AuthConfig>> auth) {
        try {
            return createOnce(spec, volume, docker, calls, tracker, privileged);
        } catch (NotFoundException e) {
            pull(spec.image(), docker, auth);
            return createOnce(spec, volume, docker, calls, tracker, privileged);
        }
    }

    private static String createOnce(Spec spec, Optional<String> volume, DockerClient docker, DockerCalls calls,
                                     ResourceTracker tracker, PrivilegedMode privileged) {
        HostConfig host = HostConfig.newHostConfig()
                .withMemory(spec.memoryBytes())
                .withMemorySwap(spec.memoryBytes())
                .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE));
        List<Bind> binds = new ArrayList<>();
        if (spec.hostDockerSocket()) {
            binds.add(Bind.parse("/var/run/docker.sock:/var/run/docker.sock"));
        }
        host = host.withBinds(binds);
        if (volume.isPresent()) {
            host = host.withMounts(List.of(new Mount().withType(MountType.VOLUME).withSource(volume.get())
                    .withTarget("/var/lib/docker")));
        }
        if (spec.privileged()) {
            host = privileged.apply(host);
        }
        HostConfig hostConfig = host;
        CreateContainerCmd create = docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(spec.labels())
                .withEntrypoint(AgentScript.entrypoint())
                .withCmd(List.of())
                .withUser("0")
                .withWorkingDir(spec.workingDirectory())
                .withEnv("HOME=/root")
                .withTty(false)
                .withStdinOpen(true)
                .withStdInOnce(true)
                .withAttachStdin(true)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .withHostConfig(hostConfig);
        String id = calls.call("create container", create::exec).getId();
        tracker.containerCreated(id);
        return id;
    }

    private static void pull(String image, DockerClient docker, Function<ImageRef, Optional<AuthConfig>> auth) {
        ImageRef ref = ImageRef.parse(image);
        try {
            var pull = docker.pullImageCmd(ref.name());
            if (!ref.digest().isEmpty()) {
                pull = docker.pullImageCmd(ref.name() + "@" + ref.digest());
            } else {
                pull = pull.withTag(ref.tag());
            }
            Optional<AuthConfig> credentials = auth.apply(ref);
            if (credentials.isPresent()) {
                pull = pull.withAuthConfig(credentials.get());
            }
            if (!pull.exec(new PullImageResultCallback()).awaitCompletion(15, TimeUnit.MINUTES)) {
                throw new IllegalStateException("pulling took longer than 15 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw pullFailed(image, "interrupted");
        } catch (RuntimeException e) {
            throw pullFailed(image, DockerFaults.describe(e));
        }
    }

    private static PhaseFailedException pullFailed(String image, String reason) {
        return new PhaseFailedException(Status.FAULT, Failure.of(PULL_ERROR, "Unable to pull customer's container image. "
                + "Image '" + image + "' is not on the Docker daemon and pulling it failed: " + reason));
    }

    private void attachAndStart() {
        try {
            docker.attachContainerCmd(id)
                    .withStdIn(shell.stdin())
                    .withStdOut(true)
                    .withStdErr(true)
                    .withFollowStream(true)
                    .exec(shell.callback());
            if (!shell.callback().awaitStarted(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("attaching to the build container took longer than 30 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while attaching to the build container", e);
        }
        calls.run("start container", () -> docker.startContainerCmd(id).exec());
        shell.open();
    }

    public String id() {
        return id;
    }

    public ContainerShell shell() {
        return shell;
    }

    /** Copies a tar into the container, extracting it at {@code remotePath}. */
    public void copyIn(java.util.function.Supplier<InputStream> tar, String remotePath) {
        calls.run("copy into container", () -> {
            try (InputStream in = tar.get()) {
                docker.copyArchiveToContainerCmd(id).withRemotePath(remotePath).withTarInputStream(in).exec();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** A tar of {@code path} in the container (entries start with its last name), or empty when it does not exist. */
    public Optional<InputStream> copyOut(String path) {
        try {
            return Optional.of(calls.call("copy from container", () -> docker.copyArchiveFromContainerCmd(id, path).exec()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Kills the container at once (SIGKILL); a container already stopped or gone is fine. */
    public void kill() {
        try {
            docker.killContainerCmd(id).exec();
        } catch (NotFoundException | ConflictException e) {
            // not running any more
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(BuildContainer.class).debug("kill of {} failed", id, e);
        }
    }

    /** How the container ended, for a fault message: its exit code, out of memory, or that it is running. */
    public String describeState() {
        try {
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
            if (Boolean.TRUE.equals(state.getRunning())) {
                return "the build container is still running";
            }
            String oom = Boolean.TRUE.equals(state.getOOMKilled()) ? ", out of memory" : "";
            return "the build container exited with status " + state.getExitCodeLong() + oom;
        } catch (RuntimeException e) {
            return "the build container cannot be inspected: " + DockerFaults.describe(e);
        }
    }

    /**
     * Ends the agent and removes the container and its volume in the background: the build's result does
     * not wait for Docker to tear the container down (about 100 ms). The {@link ResourceTracker} keeps it
     * until it is gone, and the runtime's close waits for it.
     */
    public CompletableFuture<Void> remove() {
        shell.close();
        return tracker.removeInBackground(id, volume, calls);
    }

    private void removeContainerOnly() {
        shell.close();
        removeQuietly(() -> tracker.removeContainer(id));
    }

    private static void removeQuietly(Runnable removal) {
        try {
            removal.run();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(BuildContainer.class).warn("clean-up failed: {}", DockerFaults.describe(e));
        }
    }
}
