package dev.slipway.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * How a scripted command ends: with an exit code, hanging until the build times out, or with a fault.
 * {@code times} > 0 limits the script to its first uses (a flaky command).
 */
record CommandScript(Predicate<String> matches, Outcome outcome, int exitCode, String faultReason, int times) {

    enum Outcome { EXIT, HANG, FAULT }

    /** How often each script has fired, per runtime. */
    static final class Counters {
        private final Map<CommandScript, AtomicInteger> fired = new ConcurrentHashMap<>();

        boolean use(CommandScript script) {
            return script.times <= 0 || fired.computeIfAbsent(script, k -> new AtomicInteger()).incrementAndGet() <= script.times;
        }
    }

    /** The latest script that matches and still applies. */
    static Optional<CommandScript> find(List<CommandScript> scripts, String command, Counters counters) {
        for (int i = scripts.size() - 1; i >= 0; i--) {
            CommandScript script = scripts.get(i);
            if (script.matches.test(command) && counters.use(script)) {
                return Optional.of(script);
            }
        }
        return Optional.empty();
    }
}
