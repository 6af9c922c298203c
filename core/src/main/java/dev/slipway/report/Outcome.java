package dev.slipway.report;

import dev.slipway.core.Status;

/**
 * How the report shows an outcome: the {@link Status} words plus {@link #NOT_RUN} for what the definition holds
 * but the run never reached. {@code key} is what {@code data-status} attributes carry.
 */
enum Outcome {
    SUCCEEDED("SUCCEEDED", "succeeded", "\u2713"),
    FAILED("FAILED", "failed", "\u2717"),
    FAULT("FAULT", "fault", "\u26A0"),
    TIMED_OUT("TIMED OUT", "timed-out", "\u25D4"),
    STOPPED("STOPPED", "stopped", "\u25A0"),
    IN_PROGRESS("IN PROGRESS", "in-progress", "\u25CF"),
    NOT_RUN("NOT RUN", "not-run", "\u25CB");

    private final String label;
    private final String css;
    private final String icon;

    Outcome(String label, String css, String icon) {
        this.label = label;
        this.css = css;
        this.icon = icon;
    }

    static Outcome of(Status status) {
        return valueOf(status.name());
    }

    /** The {@code data-status} value: the {@link Status} name, or {@code NOT_RUN}. */
    String key() {
        return name();
    }

    /** The words shown next to the colour, so the status never depends on colour alone. */
    String label() {
        return label;
    }

    /** The CSS class suffix: {@code st-failed}. */
    String css() {
        return "st-" + css;
    }

    String icon() {
        return icon;
    }

    /** A Mermaid class name: {@code failed}, {@code timedOut}, {@code notRun}. */
    String mermaidClass() {
        String[] words = css.split("-");
        StringBuilder s = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            s.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return s.toString();
    }
}
