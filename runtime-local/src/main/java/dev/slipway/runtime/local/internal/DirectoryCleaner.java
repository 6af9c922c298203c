package dev.slipway.runtime.local.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deletes directory trees (symlinks themselves, never what they point to). */
public final class DirectoryCleaner {
    private DirectoryCleaner() {
    }

    /** Deletes {@code directory} and everything below it; nothing happens when it does not exist. */
    public static void delete(Path directory) throws IOException {
        if (!Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes what is inside {@code directory}, keeping the directory. */
    public static void empty(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var children = Files.list(directory)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                delete(child);
            }
        }
    }

    /** Like {@link #delete} but never throws: for clean-up after a failure. */
    public static void deleteQuietly(Path directory) {
        try {
            delete(directory);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(DirectoryCleaner.class).warn("could not delete {}: {}", directory, e.getMessage());
        }
    }
}
