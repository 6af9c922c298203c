package dev.slipway.report;

import dev.slipway.core.BuildResult;
import dev.slipway.core.RunEvent;
import dev.slipway.core.RunListener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RunListener} that keeps each action's log lines, so a {@link RunReport} can show them: results hold
 * no log lines. It keeps the <em>last</em> lines of every action — by default 2,000 lines or 1 MiB of text,
 * whichever bound is reached first — and counts what it dropped; the report then points to
 * {@link BuildResult#logLocation()} for the full log. Thread-safe: parallel actions may log at once.
 *
 * <pre>{@code
 * RunRecorder recorder = RunRecorder.create();
 * PipelineResult r = runtime.run(pipeline, recorder, ConsoleReporter.quiet());
 * RunReport.of(pipeline, r).logs(recorder).writeTo(Path.of("target/report.html"));
 * }</pre>
 *
 * <p>Lines arrive with secrets already masked by the runtime. A recorder keeps the lines of every run it
 * listens to, keyed by run ID; use one recorder per run in long-lived processes.
 */
public final class RunRecorder implements RunListener {
    /** Lines kept per action by {@link #create()}. */
    public static final int DEFAULT_MAX_LINES = 2_000;
    /** UTF-8 bytes of text kept per action by {@link #create()}: 1 MiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 20;
    /** A longer line is cut to this many characters, with a note of how much was cut. */
    public static final int MAX_LINE_CHARS = 16_384;

    private final int maxLines;
    private final long maxBytes;
    private final Map<Key, Buffer> buffers = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();

    private RunRecorder(int maxLines, long maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** Keeps the last 2,000 lines or 1 MiB of each action's log. */
    public static RunRecorder create() {
        return new RunRecorder(DEFAULT_MAX_LINES, DEFAULT_MAX_BYTES);
    }

    /**
     * Keeps the last {@code maxLinesPerAction} lines or {@code maxBytesPerAction} bytes (UTF-8) of each action's
     * log, whichever is reached first. Raise them to see more of a long build in the report; lower them when a
     * report of many actions grows too big to open comfortably.
     */
    public static RunRecorder create(int maxLinesPerAction, long maxBytesPerAction) {
        if (maxLinesPerAction < 1) {
            throw new IllegalArgumentException("maxLinesPerAction must be at least 1, was " + maxLinesPerAction);
        }
        if (maxBytesPerAction < 1) {
            throw new IllegalArgumentException("maxBytesPerAction must be at least 1, was " + maxBytesPerAction);
        }
        return new RunRecorder(maxLinesPerAction, maxBytesPerAction);
    }

    @Override
    public void onEvent(RunEvent event) {
        if (event instanceof RunEvent.LogLine e) {
            buffer(e.runId(), e.stage(), e.action()).add(e, maxLines, maxBytes);
        } else if (event instanceof RunEvent.ActionStarted e) {
            buffer(e.runId(), e.stage(), e.action()).attempt(e.attempt());
        } else if (event instanceof RunEvent.Retrying e) {
            buffer(e.runId(), e.stage(), e.action()).retry(e);
        }
    }

    /** What was kept of one action's log in one run; empty when it logged nothing (or did not run). */
    public Optional<ActionLog> log(String runId, String stage, String action) {
        Buffer buffer = buffers.get(new Key(nonNull(runId), nonNull(stage), nonNull(action)));
        return Optional.ofNullable(buffer).map(Buffer::snapshot);
    }

    /** The logs of every action of one run, in the order the actions first logged. */
    public List<ActionLog> logs(String runId) {
        Objects.requireNonNull(runId, "runId");
        return buffers.values().stream().filter(b -> b.key.runId.equals(runId))
                .sorted(Comparator.comparingLong(b -> b.order)).map(Buffer::snapshot).toList();
    }

    /** The logs of every action of every run heard, in the order the actions first logged. */
    public List<ActionLog> logs() {
        return buffers.values().stream().sorted(Comparator.comparingLong(b -> b.order)).map(Buffer::snapshot).toList();
    }

    private Buffer buffer(String runId, String stage, String action) {
        Key key = new Key(nonNull(runId), nonNull(stage), nonNull(action));
        return buffers.computeIfAbsent(key, k -> new Buffer(k, order.incrementAndGet()));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "RunRecorder[" + buffers.size() + " action logs, last " + maxLines + " lines or " + maxBytes + " bytes each]";
    }

    private record Key(String runId, String stage, String action) {
    }

    private static final class Buffer {
        private final Key key;
        private final long order;
        private final ArrayDeque<ActionLog.Line> lines = new ArrayDeque<>();
        private final List<RunEvent.Retrying> retries = new ArrayList<>();
        private long bytes;
        private long dropped;
        private long count;
        private int attempt = 1;

        Buffer(Key key, long order) {
            this.key = key;
            this.order = order;
        }

        synchronized void attempt(int number) {
            attempt = number;
        }

        synchronized void retry(RunEvent.Retrying event) {
            retries.add(event);
        }

        synchronized void add(RunEvent.LogLine event, int maxLines, long maxBytes) {
            String text = cut(event.line());
            long size = utf8Length(text);
            count++;
            if (size > maxBytes) {
                dropped++;
                return;
            }
            while (!lines.isEmpty() && (lines.size() >= maxLines || bytes + size > maxBytes)) {
                bytes -= utf8Length(lines.removeFirst().text());
                dropped++;
            }
            lines.addLast(new ActionLog.Line(count, attempt, Optional.ofNullable(event.phase()), event.time(), text));
            bytes += size;
        }

        synchronized ActionLog snapshot() {
            return new ActionLog(key.runId, key.stage, key.action, List.copyOf(lines), dropped, retries);
        }

        private static String cut(String line) {
            if (line.length() <= MAX_LINE_CHARS) {
                return line;
            }
            return line.substring(0, MAX_LINE_CHARS) + " … [" + (line.length() - MAX_LINE_CHARS) + " more characters cut]";
        }

        private static long utf8Length(String s) {
            long n = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    n++;
                } else if (c < 0x800) {
                    n += 2;
                } else if (Character.isHighSurrogate(c)) {
                    n += 4;
                    i++;
                } else {
                    n += 3;
                }
            }
            return n;
        }
    }
}
