package dev.slipway.runtime.local.internal;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Predicate;

/** Tar archives for {@code docker cp}: a directory tree with its modes and symlinks, owned by root. */
public final class Tars {
    private Tars() {
    }

    /**
     * Streams {@code directory} as a tar whose entries are named {@code prefix/<relative path>} (prefix without
     * leading slash), the prefix's own directories included. {@code skip} leaves out paths (relative to the
     * directory) and what is below them.
     */
    public static InputStream directory(Path directory, String prefix, Predicate<String> skip) {
        return TarPipe.start("slipway-tar-" + directory.getFileName(), out -> write(out, directory, prefix, skip));
    }

    public static void write(OutputStream out, Path directory, String prefix, Predicate<String> skip) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 64 * 1024);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        String root = prefix.replaceAll("^/+|/+$", "");
        StringBuilder parent = new StringBuilder();
        for (String part : root.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            parent.append(part).append('/');
            putDirectory(tar, parent.toString(), 0755);
        }
        String base = parent.toString();
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String relative = relative(directory, dir);
                if (relative.isEmpty()) {
                    return FileVisitResult.CONTINUE;
                }
                if (skip.test(relative)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                putDirectory(tar, base + relative + "/", mode(dir, 0755));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String relative = relative(directory, file);
                if (skip.test(relative)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    TarArchiveEntry link = new TarArchiveEntry(base + relative, TarConstants.LF_SYMLINK);
                    link.setLinkName(Files.readSymbolicLink(file).toString());
                    owned(link);
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                } else if (attrs.isRegularFile()) {
                    TarArchiveEntry entry = new TarArchiveEntry(base + relative);
                    entry.setSize(attrs.size());
                    entry.setMode(mode(file, 0644));
                    entry.setModTime(attrs.lastModifiedTime());
                    owned(entry);
                    tar.putArchiveEntry(entry);
                    Files.copy(file, tar);
                    tar.closeArchiveEntry();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        tar.finish();
        tar.flush();
    }

    private static void putDirectory(TarArchiveOutputStream tar, String name, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | mode);
        owned(entry);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void owned(TarArchiveEntry entry) {
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("root");
        entry.setGroupName("root");
    }

    static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    static int mode(Path path, int fallback) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission p : permissions) {
                mode |= switch (p) {
                    case OWNER_READ -> 0400;
                    case OWNER_WRITE -> 0200;
                    case OWNER_EXECUTE -> 0100;
                    case GROUP_READ -> 040;
                    case GROUP_WRITE -> 020;
                    case GROUP_EXECUTE -> 010;
                    case OTHERS_READ -> 04;
                    case OTHERS_WRITE -> 02;
                    case OTHERS_EXECUTE -> 01;
                };
            }
            return mode;
        } catch (UnsupportedOperationException | IOException e) {
            return fallback;
        }
    }

    /** Sets POSIX permissions from a tar mode, where the file system has them. */
    static void applyMode(Path path, int mode) {
        try {
            Set<PosixFilePermission> permissions = java.util.EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_READ};
            for (int bit = 0; bit < order.length; bit++) {
                if ((mode & (1 << bit)) != 0) {
                    permissions.add(order[bit]);
                }
            }
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep the default permissions
        }
    }
}
