package dev.slipway.report;

import dev.slipway.core.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the report writes times: UTC wall-clock times, offsets into the run, and round axis labels. */
final class Times {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final long[] STEPS_MILLIS = {
        1, 2, 5, 10, 20, 50, 100, 200, 250, 500,
        1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
        60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
        3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000};

    private Times() {
    }

    static String utc(Instant time) {
        return UTC.format(time);
    }

    static String duration(Duration d) {
        return Durations.format(d.isNegative() ? Duration.ZERO : d);
    }

    /** {@code +1.2s}: how long after the run started. */
    static String offset(Instant runStart, Instant time) {
        return "+" + duration(Duration.between(runStart, time));
    }

    /** The smallest round step that cuts {@code total} into at most {@code maxTicks} parts. */
    static long tickMillis(long totalMillis, int maxTicks) {
        for (long step : STEPS_MILLIS) {
            if (totalMillis / step <= maxTicks) {
                return step;
            }
        }
        return STEPS_MILLIS[STEPS_MILLIS.length - 1] * ((totalMillis / maxTicks) / STEPS_MILLIS[STEPS_MILLIS.length - 1] + 1);
    }

    /** An axis label: {@code 0}, {@code 250ms}, {@code 5s}, {@code 2.5s}, {@code 1m30s}, {@code 2h}. */
    static String tick(long millis) {
        if (millis == 0) {
            return "0";
        }
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return millis % 1_000 == 0 ? millis / 1_000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1_000;
        if (seconds < 3_600) {
            return seconds % 60 == 0 ? seconds / 60 + "m" : String.format(java.util.Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        long minutes = seconds / 60;
        return minutes % 60 == 0 ? minutes / 60 + "h" : String.format(java.util.Locale.ROOT, "%dh%02dm", minutes / 60, minutes % 60);
    }
}
