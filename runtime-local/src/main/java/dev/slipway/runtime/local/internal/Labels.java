package dev.slipway.runtime.local.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels on everything LocalRuntime creates in Docker, and who owns it: {@code host/pid/jvm-start-millis}
 * of the JVM that created it, so that a prune can tell leftovers of a crashed JVM from resources in use.
 */
public final class Labels {
    public static final String SLIPWAY = "dev.slipway";
    public static final String RUN = "dev.slipway.run";
    public static final String BUILD = "dev.slipway.build";
    public static final String OWNER = "dev.slipway.owner";

    private Labels() {
    }

    /** This JVM as an owner label value. */
    public static String thisJvm() {
        return hostName() + "/" + ProcessHandle.current().pid() + "/" + ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    public static Map<String, String> of(String runId, String buildId, String owner) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SLIPWAY, "true");
        labels.put(RUN, runId);
        labels.put(BUILD, buildId);
        labels.put(OWNER, owner);
        return labels;
    }

    /**
     * Whether the owner JVM is certainly gone: it ran on this host and no process with its pid and start time
     * is alive. Owners on other hosts count as gone: a prune is for a daemon no other Slipway JVM uses.
     */
    public static boolean ownerGone(String owner) {
        if (owner == null || owner.isBlank()) {
            return true;
        }
        String[] parts = owner.split("/");
        if (parts.length != 3 || !parts[0].equals(hostName())) {
            return true;
        }
        try {
            long pid = Long.parseLong(parts[1]);
            long startMillis = Long.parseLong(parts[2]);
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return true;
            }
            return process.get().info().startInstant()
                    .map(start -> Math.abs(start.toEpochMilli() - startMillis) > 5_000)
                    .orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
