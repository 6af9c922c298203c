package dev.slipway.runtime.local.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive use of a file across threads and JVMs (build counters, git mirrors). The operating system's file
 * locks are held per JVM, and a second lock of the same file in one JVM fails rather than waits; so this JVM's
 * threads, whatever runtime they belong to, first queue on a lock per path. That table is the one piece of
 * JVM-wide state here, as the file locks it guards are JVM-wide.
 */
public final class FileLocks {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    /** Work done while holding the lock; it may read and write the locked file through {@code channel}. */
    @FunctionalInterface
    public interface Locked<T> {
        T run(FileChannel channel) throws IOException;
    }

    private FileLocks() {
    }

    public static <T> T withLock(Path file, Locked<T> work) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        ReentrantLock lock = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(key.getParent());
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                FileLock fileLock = channel.lock();
                try {
                    return work.run(channel);
                } finally {
                    fileLock.release();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
