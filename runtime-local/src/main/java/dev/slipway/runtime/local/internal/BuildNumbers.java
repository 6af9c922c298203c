package dev.slipway.runtime.local.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code CODEBUILD_BUILD_NUMBER}: a counter per project that survives runs and JVMs, as CodeBuild's does.
 * Each project has a file holding its last number, read and written under {@link FileLocks} so that parallel
 * builds (threads or JVMs) never take the same number.
 */
public final class BuildNumbers {
    private final Path directory;

    public BuildNumbers(Path directory) {
        this.directory = directory;
    }

    /** The next number of {@code project}: 1 for its first build. */
    public long next(String project) {
        Path file = directory.resolve(fileName(project));
        try {
            return FileLocks.withLock(file, channel -> {
                ByteBuffer buffer = ByteBuffer.allocate(64);
                channel.read(buffer, 0);
                String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
                long next;
                try {
                    next = (text.isEmpty() ? 0 : Long.parseLong(text)) + 1;
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("the build counter of project " + project + " in " + file
                            + " is not a number; delete the file to start again at 1", e);
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                channel.force(false);
                return next;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count builds of project " + project + " in " + directory, e);
        }
    }

    private static String fileName(String project) {
        return project.replaceAll("[^A-Za-z0-9_.-]", "_") + ".number";
    }
}
