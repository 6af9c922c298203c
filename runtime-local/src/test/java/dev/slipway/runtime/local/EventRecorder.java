package dev.slipway.runtime.local;

import dev.slipway.core.RunEvent;
import dev.slipway.core.RunListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps every event of a run; tests wait on it for an event instead of sleeping. */
final class EventRecorder implements RunListener {
    private final List<RunEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(RunEvent event) {
        events.add(event);
        notifyAll();
    }

    synchronized List<RunEvent> events() {
        return List.copyOf(events);
    }

    <T extends RunEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<String> lines() {
        return events(RunEvent.LogLine.class).stream().map(RunEvent.LogLine::line).toList();
    }

    /** Waits until an event matches, failing after {@code timeout}. */
    synchronized RunEvent await(Predicate<RunEvent> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < events.size(); seen++) {
                if (condition.test(events.get(seen))) {
                    return events.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching event within " + timeout + "; lines: " + lastLines());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    RunEvent awaitLine(String text, Duration timeout) {
        return await(e -> e instanceof RunEvent.LogLine l && l.line().equals(text), timeout);
    }

    private List<String> lastLines() {
        List<String> lines = new ArrayList<>();
        for (RunEvent e : events) {
            if (e instanceof RunEvent.LogLine l) {
                lines.add(l.line());
            }
        }
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }
}
