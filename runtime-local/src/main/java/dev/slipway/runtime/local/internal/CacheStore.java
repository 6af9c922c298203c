package dev.slipway.runtime.local.internal;

import dev.slipway.core.BuildSpec;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The buildspec's {@code cache.paths}, kept between builds of a project as CodeBuild's local cache keeps
 * them: restored into the container before the first command, saved after the last. Each path is a directory
 * (a trailing {@code /**}{@code /*}, {@code /**} or {@code /*} names the directory below which everything
 * is cached), absolute or relative to {@code CODEBUILD_SRC_DIR}; it is kept as a tar under
 * {@code <cache>/build-cache/<project>/}, rooted at {@code /} or at the source directory, so that restoring it
 * recreates missing parent directories (Docker creates them).
 */
public final class CacheStore {
    private final Path root;

    public CacheStore(Path root) {
        this.root = root;
    }

    public void restore(BuildContainer container, String project, BuildSpec.Cache cache, String sourceDirectory,
                        Consumer<String> output) {
        for (String path : cache.paths()) {
            Optional<CachedDirectory> dir = CachedDirectory.of(path, sourceDirectory);
            if (dir.isEmpty()) {
                output.accept("Skipping cache path " + path + ": only directories (dir, dir/*, dir/**/*) are cached locally");
                continue;
            }
            Path file = fileFor(project, dir.get().key());
            if (!Files.isRegularFile(file)) {
                output.accept("No cache for " + path + " yet");
                continue;
            }
            container.copyIn(() -> {
                try {
                    return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, dir.get().restoreRoot());
            output.accept("Restored cache for " + path);
        }
    }

    public void save(BuildContainer container, String project, BuildSpec.Cache cache, String sourceDirectory,
                     Consumer<String> output) {
        for (String path : cache.paths()) {
            Optional<CachedDirectory> dir = CachedDirectory.of(path, sourceDirectory);
            if (dir.isEmpty()) {
                continue;
            }
            Optional<InputStream> tar = container.copyOut(dir.get().absolute());
            if (tar.isEmpty()) {
                output.accept("Nothing to cache at " + path);
                continue;
            }
            Path file = fileFor(project, dir.get().key());
            try (InputStream in = tar.get()) {
                Files.createDirectories(file.getParent());
                Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".partial");
                try {
                    rebase(in, partial, dir.get().parentInTar());
                    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
                output.accept("Saved cache for " + path);
            } catch (IOException e) {
                output.accept("Could not save cache for " + path + ": " + e.getMessage());
            }
        }
    }

    /**
     * A cached directory: absolute ({@code /root/.m2}, kept in a tar rooted at {@code /}) or relative to the
     * source directory ({@code node_modules}, kept rooted at the source directory, whose name changes with
     * every build).
     *
     * @param key         what names the cache: the path as written, normalised
     * @param absolute    where it is in this build's container
     * @param restoreRoot where the tar is extracted
     * @param parentInTar the tar's path of the directory's parent, ending in {@code /} (or empty)
     */
    record CachedDirectory(String key, String absolute, String restoreRoot, String parentInTar) {

        /** Empty when the path has wildcards before its end. */
        static Optional<CachedDirectory> of(String path, String sourceDirectory) {
            String p = path.strip();
            for (String suffix : new String[] {"/**/*", "/**", "/*"}) {
                if (p.endsWith(suffix)) {
                    p = p.substring(0, p.length() - suffix.length());
                    break;
                }
            }
            if (p.isEmpty() || p.contains("*") || p.contains("?") || p.contains("[")) {
                return Optional.empty();
            }
            boolean absolute = p.startsWith("/");
            String relative = Glob.normalize(absolute ? p.substring(1) : p);
            if (relative.isEmpty() || relative.equals("..") || relative.startsWith("../")) {
                return Optional.empty();
            }
            int slash = relative.lastIndexOf('/');
            String parent = slash < 0 ? "" : relative.substring(0, slash + 1);
            return Optional.of(absolute
                    ? new CachedDirectory("/" + relative, "/" + relative, "/", parent)
                    : new CachedDirectory(relative, sourceDirectory + "/" + relative, sourceDirectory, parent));
        }
    }

    private Path fileFor(String project, String key) {
        String safeProject = project.replaceAll("[^A-Za-z0-9_.-]", "_");
        return root.resolve(safeProject).resolve(sha1(key).substring(0, 16) + ".tar");
    }

    /** Copies a {@code docker cp} tar (entries start with the directory's name) with entries rooted at {@code /}. */
    private static void rebase(InputStream in, Path target, String parent) throws IOException {
        try (TarArchiveInputStream tarIn = new TarArchiveInputStream(new BufferedInputStream(in, 64 * 1024));
             OutputStream out = Files.newOutputStream(target);
             TarArchiveOutputStream tarOut = new TarArchiveOutputStream(out, 64 * 1024)) {
            tarOut.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tarOut.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            TarArchiveEntry entry;
            while ((entry = tarIn.getNextEntry()) != null) {
                entry.setName(parent + entry.getName());
                if (entry.isLink()) {
                    entry.setLinkName(parent + entry.getLinkName());
                }
                tarOut.putArchiveEntry(entry);
                if (entry.isFile()) {
                    tarIn.transferTo(tarOut);
                }
                tarOut.closeArchiveEntry();
            }
            tarOut.finish();
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
