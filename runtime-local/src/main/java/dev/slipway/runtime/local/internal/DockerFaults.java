package dev.slipway.runtime.local.internal;

import com.github.dockerjava.api.exception.DockerException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Tells Docker faults apart: transient ones (retried), the daemon being unreachable, and the rest. */
public final class DockerFaults {
    /** 500 answers that say the request itself cannot work: retrying them only wastes time. */
    private static final List<String> DETERMINISTIC_500 = List.of("oci runtime", "unable to apply caps",
            "executable file not found", "no such image", "manifest unknown", "not found", "invalid");

    private DockerFaults() {
    }

    /** Connection refused or reset, or a 5xx answer that may go away: worth another attempt. */
    public static boolean isTransient(Throwable error) {
        if (error instanceof DockerException docker) {
            int status = docker.getHttpStatus();
            if (status == 502 || status == 503 || status == 504) {
                return true;
            }
            if (status == 500) {
                String message = String.valueOf(docker.getMessage()).toLowerCase(Locale.ROOT);
                return DETERMINISTIC_500.stream().noneMatch(message::contains);
            }
            return false;
        }
        return isConnectionFault(error);
    }

    /** The daemon could not be reached or the connection to it broke. */
    public static boolean isConnectionFault(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A one-line description: the daemon's message, or the innermost cause of a connection fault. */
    public static String describe(Throwable error) {
        if (error instanceof DockerException docker) {
            return firstLine(docker.getMessage()) + " (HTTP " + docker.getHttpStatus() + ")";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
        return message;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String trimmed = message.strip();
        // docker-java prefixes daemon answers with "Status 500: " and wraps them in JSON
        trimmed = trimmed.replaceFirst("^Status \\d+: ", "");
        if (trimmed.startsWith("{\"message\":\"") && trimmed.endsWith("\"}")) {
            trimmed = trimmed.substring(12, trimmed.length() - 2).replace("\\\"", "\"");
        }
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
