package dev.slipway.runtime.local.internal;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Privileged mode for Docker-in-Docker builds. Some hosts refuse {@code --privileged} itself: when the
 * kernel's capability bounding set lacks a capability (here CAP_SYS_RESOURCE), runc fails with "unable to
 * apply caps: operation not permitted". The first such refusal switches this runtime to an explicit
 * equivalent that the host can grant: every capability but SYS_RESOURCE, seccomp and AppArmor
 * unconfined, every device allowed by the device cgroup, and the cgroup file system mounted writable (nested
 * {@code dockerd} creates cgroups for its containers). Enough for {@code nohup dockerd &}, {@code docker
 * build} and {@code docker run} inside the build, as with CodeBuild's privileged mode.
 */
public final class PrivilegedMode {
    private final AtomicBoolean fallback = new AtomicBoolean();

    /** Whether this host refused {@code --privileged} before, so the explicit set is used. */
    public boolean usesFallback() {
        return fallback.get();
    }

    /** Applies privileged mode to a build container's host config, the way this host accepts it. */
    public HostConfig apply(HostConfig config) {
        if (!fallback.get()) {
            return config.withPrivileged(true);
        }
        List<Bind> binds = new java.util.ArrayList<>(config.getBinds() == null ? List.of() : List.of(config.getBinds()));
        binds.add(Bind.parse("/sys/fs/cgroup:/sys/fs/cgroup:rw"));
        return config.withPrivileged(false)
                .withCapAdd(Capability.ALL)
                .withCapDrop(Capability.SYS_RESOURCE)
                .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                .withDeviceCgroupRules(List.of("a *:* rwm"))
                .withBinds(binds);
    }

    /**
     * Whether {@code error} (from starting a container) is the host refusing {@code --privileged}; if so,
     * later privileged containers use the explicit set. Returns true when the caller should try again.
     */
    public boolean switchOnRefusal(Throwable error) {
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("unable to apply caps") && !fallback.get()) {
            fallback.set(true);
            org.slf4j.LoggerFactory.getLogger(PrivilegedMode.class).info(
                    "Docker refused --privileged ({}); privileged builds use an explicit capability set instead",
                    DockerFaults.describe(error));
            return true;
        }
        return false;
    }
}
