package dev.slipway.runtime.local.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.slipway.core.spi.CommandResult;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Talks to the {@link AgentScript agent} of one build container over its attach stream: sends files and
 * commands on stdin, cuts stdout into lines, hands them to the running command's output and ends the command
 * at the agent's exit marker. Output printed between commands (a background {@code dockerd}) goes to the
 * output of the command before.
 *
 * <p>Frames arrive on docker-java's thread; {@link #run} waits on the caller's, until the marker, the
 * deadline, {@link #abort} (stop) or the end of the stream (the container died, the daemon went away).
 */
public final class ContainerShell {
    static final int MAX_LINE_BYTES = 16 * 1024;

    /** Receives a command's output: lines, and pieces of over-long lines ({@code complete == false}). */
    @FunctionalInterface
    interface Sink {
        void line(String text, boolean complete);
    }

    private final String nonce;
    private final String exitMarker;
    private final StdinPipe stdin = new StdinPipe();
    private final LineSplitter splitter;
    private final Object lock = new Object();
    private final Callback callback = new Callback();
    private Pending pending;
    private Sink last = (text, complete) -> { };
    private String broken;

    public ContainerShell() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.nonce = "slipway-" + HexFormat.of().formatHex(random);
        this.exitMarker = AgentScript.exitMarker(nonce);
        this.splitter = new LineSplitter(MAX_LINE_BYTES, 128, this::onLine);
    }

    /** The agent's stdin, for the attach command. */
    public StdinPipe stdin() {
        return stdin;
    }

    /** Receives the attach stream's frames. */
    public ResultCallback.Adapter<Frame> callback() {
        return callback;
    }

    /** Sends the nonce and the child script: the first thing the agent reads. */
    public void open() {
        stdin.send(AgentScript.opening(nonce));
    }

    public void writeFile(String path, String content, boolean append) {
        stdin.send(AgentScript.file(nonce, append ? "append" : "write", path, content).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs a command; its output lines go to {@code output} as they come. */
    public CommandResult run(String shell, String envFile, boolean save, String command, long deadlineMillis,
                             Consumer<String> output) {
        return run(shell, envFile, save, command, deadlineMillis, (text, complete) -> output.accept(text), true);
    }

    /** Reads variables as the commands of the build see them (absent when unset). */
    public Map<String, String> readVariables(String shell, String envFile, List<String> names, long deadlineMillis) {
        VariableCollector collector = new VariableCollector(nonce);
        CommandResult result = run(shell, envFile, false, AgentScript.printVariables(nonce, names), deadlineMillis,
                collector, false);
        if (!result.succeeded()) {
            throw new IllegalStateException("reading variables failed: " + describe(result));
        }
        return collector.values();
    }

    /** Ends the running command, if any, with {@code result} (a stop) and every later one too. */
    public void abort(CommandResult result, String reason) {
        Pending current;
        synchronized (lock) {
            if (broken == null) {
                broken = reason;
            }
            current = pending;
        }
        if (current != null) {
            current.result.complete(result);
        }
    }

    /** Closes stdin: the agent reads end of file and exits. */
    public void close() {
        stdin.close();
        callback.closeQuietly();
    }

    /** Why the stream ended, if it did. */
    public String brokenReason() {
        synchronized (lock) {
            return broken;
        }
    }

    private CommandResult run(String shell, String envFile, boolean save, String command, long deadlineMillis,
                              Sink sink, boolean userOutput) {
        Pending current = new Pending(sink);
        synchronized (lock) {
            if (broken != null) {
                return CommandResult.fault(broken);
            }
            pending = current;
            if (userOutput) {
                last = sink;
            }
        }
        try {
            stdin.send(AgentScript.run(nonce, shell, envFile, save, command).getBytes(StandardCharsets.UTF_8));
            long wait = deadlineMillis - System.currentTimeMillis();
            if (wait <= 0) {
                return CommandResult.timedOut();
            }
            return current.result.get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return CommandResult.timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandResult.stopped();
        } catch (ExecutionException e) {
            return CommandResult.fault(String.valueOf(e.getCause()));
        } catch (IllegalStateException e) {
            return CommandResult.fault(e.getMessage());
        } finally {
            synchronized (lock) {
                if (pending == current) {
                    pending = null;
                }
            }
        }
    }

    private void onLine(String text, boolean complete) {
        Pending current;
        Sink sink;
        synchronized (lock) {
            current = pending;
            sink = current != null ? current.sink : last;
        }
        if (complete) {
            int marker = text.lastIndexOf(exitMarker);
            if (marker >= 0) {
                Integer code = exitCode(text, marker + exitMarker.length());
                if (code != null) {
                    if (marker > 0) {
                        sink.line(text.substring(0, marker), true);
                    }
                    if (current != null) {
                        current.result.complete(CommandResult.exited(code));
                    }
                    return;
                }
            }
        }
        sink.line(text, complete);
    }

    private static Integer exitCode(String text, int from) {
        if (from >= text.length() || text.length() - from > 4) {
            return null;
        }
        for (int i = from; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return null;
            }
        }
        return Integer.parseInt(text.substring(from));
    }

    private void streamEnded(String reason) {
        splitter.finish();
        abort(CommandResult.fault(reason), reason);
    }

    private static String describe(CommandResult result) {
        return result.kind() == CommandResult.Kind.EXITED ? "exit status " + result.exitCode()
                : result.kind() + (result.message().isEmpty() ? "" : ": " + result.message());
    }

    private static final class Pending {
        final Sink sink;
        final CompletableFuture<CommandResult> result = new CompletableFuture<>();

        Pending(Sink sink) {
            this.sink = sink;
        }
    }

    private final class Callback extends ResultCallback.Adapter<Frame> {
        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload != null) {
                splitter.accept(payload);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            streamEnded("the connection to the build container broke: " + DockerFaults.describe(throwable));
            super.onError(throwable);
        }

        @Override
        public void onComplete() {
            streamEnded("the build container's output ended");
            super.onComplete();
        }

        void closeQuietly() {
            try {
                close();
            } catch (java.io.IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ContainerShell.class).debug("closing the attach stream failed", e);
            }
        }
    }

    /** Collects {@code N var NAME} … {@code N end} blocks printed by {@link AgentScript#printVariables}. */
    private static final class VariableCollector implements Sink {
        private final String start;
        private final String end;
        private final Map<String, String> values = new LinkedHashMap<>();
        private String name;
        private StringBuilder value;
        private boolean continuation;

        VariableCollector(String nonce) {
            this.start = nonce + " var ";
            this.end = nonce + " end";
        }

        @Override
        public synchronized void line(String text, boolean complete) {
            if (name == null) {
                if (complete && text.startsWith(start)) {
                    name = text.substring(start.length());
                    value = null;
                }
                return;
            }
            if (complete && !continuation && text.equals(end)) {
                values.put(name, value == null ? "" : value.toString());
                name = null;
                return;
            }
            if (value == null) {
                value = new StringBuilder();
            } else if (!continuation) {
                value.append('\n');
            }
            value.append(text);
            continuation = !complete;
        }

        synchronized Map<String, String> values() {
            return new LinkedHashMap<>(values);
        }
    }
}
