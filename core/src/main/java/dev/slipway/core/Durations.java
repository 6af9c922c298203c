package dev.slipway.core;

import java.time.Duration;

/** Formats durations the way results print them: {@code 850ms}, {@code 12.3s}, {@code 4m05s}. */
public final class Durations {
    private Durations() {
    }

    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = d.toSeconds();
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
