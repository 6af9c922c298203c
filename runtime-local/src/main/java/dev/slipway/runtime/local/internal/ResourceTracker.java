package dev.slipway.runtime.local.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Network;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows every container and volume a runtime created and has not removed yet, so that close, a stop and the
 * JVM's shutdown hook can remove them; and sweeps what other, dead JVMs left behind ({@link #prune()}).
 */
public final class ResourceTracker {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResourceTracker.class);

    private final DockerClient docker;
    private final Set<String> containers = ConcurrentHashMap.newKeySet();
    private final Set<String> volumes = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<Void>> removals = ConcurrentHashMap.newKeySet();
    private final ExecutorService cleaner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "slipway-cleanup");
        t.setDaemon(true);
        return t;
    });

    public ResourceTracker(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * Removes a container and its volume on a background thread (with retries); still tracked until gone. The
     * agent exits by itself once its stdin is closed, which tears the container down faster than a kill; a
     * container still busy after two seconds is removed by force.
     */
    public CompletableFuture<Void> removeInBackground(String containerId, Optional<String> volume, DockerCalls calls) {
        CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> {
            try {
                docker.waitContainerCmd(containerId).exec(new WaitContainerResultCallback()).awaitStatusCode(2, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                // still running or gone: the forced removal below deals with it
            }
            calls.run("remove container", () -> removeContainer(containerId));
            volume.ifPresent(v -> calls.run("remove volume", () -> removeVolume(v)));
        }, cleaner);
        removals.add(removal);
        removal.whenComplete((done, error) -> {
            removals.remove(removal);
            if (error != null) {
                LOG.warn("could not remove build container {}: {}", containerId, DockerFaults.describe(error));
            }
        });
        return removal;
    }

    /** Waits until the background removals started so far are done (or {@code timeout} passed). */
    public void awaitRemovals(Duration timeout) {
        CompletableFuture<?>[] running = removals.toArray(new CompletableFuture<?>[0]);
        try {
            CompletableFuture.allOf(running).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // logged by each removal; removeAll tries again
        }
    }

    public void containerCreated(String id) {
        containers.add(id);
    }

    public void volumeCreated(String name) {
        volumes.add(name);
    }

    /** Removes a container (killing it first) and forgets it; a container already gone is fine. */
    public void removeContainer(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("is already in progress")) {
                throw e;
            }
        }
        containers.remove(id);
    }

    public void removeVolume(String name) {
        try {
            docker.removeVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            // already gone
        }
        volumes.remove(name);
    }

    /** Removes whatever is still tracked; failures are logged, not thrown (used at close and JVM exit). */
    public void removeAll() {
        awaitRemovals(Duration.ofSeconds(30));
        for (String id : List.copyOf(containers)) {
            try {
                removeContainer(id);
            } catch (RuntimeException e) {
                LOG.warn("could not remove build container {}: {}", id, DockerFaults.describe(e));
            }
        }
        for (String name : List.copyOf(volumes)) {
            try {
                removeVolume(name);
            } catch (RuntimeException e) {
                LOG.warn("could not remove volume {}: {}", name, DockerFaults.describe(e));
            }
        }
    }

    /** Removes what is left and stops the clean-up thread. */
    public void close() {
        removeAll();
        cleaner.shutdown();
    }

    /**
     * Removes containers, volumes and networks labelled {@code dev.slipway} whose owning JVM is gone (see
     * {@link Labels#ownerGone}). Returns how many it removed.
     */
    public int prune() {
        int removed = 0;
        Map<String, String> label = Map.of(Labels.SLIPWAY, "true");
        for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec()) {
            if (!containers.contains(container.getId()) && Labels.ownerGone(container.getLabels().get(Labels.OWNER))) {
                removeContainer(container.getId());
                removed++;
            }
        }
        List<InspectVolumeResponse> found = docker.listVolumesCmd()
                .withFilter("label", List.of(Labels.SLIPWAY + "=true")).exec().getVolumes();
        for (InspectVolumeResponse volume : found == null ? List.<InspectVolumeResponse>of() : found) {
            Map<String, String> labels = volume.getLabels() == null ? Map.of() : volume.getLabels();
            if (!volumes.contains(volume.getName()) && Labels.ownerGone(labels.get(Labels.OWNER))) {
                try {
                    removeVolume(volume.getName());
                    removed++;
                } catch (RuntimeException e) {
                    LOG.warn("could not remove volume {}: {}", volume.getName(), DockerFaults.describe(e));
                }
            }
        }
        for (Network network : docker.listNetworksCmd().withFilter("label", List.of(Labels.SLIPWAY + "=true")).exec()) {
            Map<String, String> labels = network.getLabels() == null ? Map.of() : network.getLabels();
            if (Labels.ownerGone(labels.get(Labels.OWNER))) {
                try {
                    docker.removeNetworkCmd(network.getId()).exec();
                    removed++;
                } catch (NotFoundException e) {
                    // already gone
                }
            }
        }
        return removed;
    }
}
