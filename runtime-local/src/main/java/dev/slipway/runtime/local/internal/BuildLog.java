package dev.slipway.runtime.local.internal;

import dev.slipway.core.RunEvent;
import dev.slipway.core.RunListener;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The full log of one build attempt in a file, as CodeBuild keeps it in CloudWatch Logs: every log line of
 * the action, agent lines included, exactly as listeners get them (secrets already masked). Wraps the run's
 * listener; writing is buffered and never holds more than a buffer in memory.
 */
public final class BuildLog implements RunListener, AutoCloseable {
    private final Path file;
    private final String stage;
    private final String action;
    private final RunListener next;
    private BufferedWriter writer;
    private boolean failed;
    private boolean closed;

    public BuildLog(Path file, String stage, String action, RunListener next) {
        this.file = file;
        this.stage = stage;
        this.action = action;
        this.next = next;
    }

    public Path file() {
        return file;
    }

    @Override
    public void onEvent(RunEvent event) {
        if (event instanceof RunEvent.LogLine line && line.stage().equals(stage) && line.action().equals(action)) {
            write(line.line());
        }
        next.onEvent(event);
    }

    private synchronized void write(String line) {
        if (failed || closed) {
            return;
        }
        try {
            if (writer == null) {
                Files.createDirectories(file.getParent());
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            failed = true;
            org.slf4j.LoggerFactory.getLogger(BuildLog.class).warn("cannot write the build log {}: {}", file, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(BuildLog.class).warn("cannot close the build log {}: {}", file, e.getMessage());
            }
            writer = null;
        }
    }
}
