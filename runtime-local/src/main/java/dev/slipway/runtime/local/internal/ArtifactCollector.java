package dev.slipway.runtime.local.internal;

import dev.slipway.core.Failure;
import dev.slipway.core.spi.PhaseFailedException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * UPLOAD_ARTIFACTS of one artifact set: streams the smallest directory of the container that holds every
 * possible match out with {@code docker cp}, keeps the files the {@link ArtifactRules} select, and writes them
 * to the output directory. Nothing matched is CodeBuild's {@code CLIENT_ERROR: no matching artifact paths
 * found}, after a "Skipping invalid file path" line for each pattern.
 */
public final class ArtifactCollector {
    private ArtifactCollector() {
    }

    /** Copies the set's files into {@code target} (emptied first); returns how many. */
    public static int collect(BuildContainer container, String sourceDirectory, ArtifactRules rules, Path target,
                              Consumer<String> output) {
        rules.baseDirectory().ifPresent(base -> output.accept("Expanding base directory path: " + base));
        output.accept("Assembling file list");
        rules.patterns().forEach(p -> output.accept("Expanding " + p));
        String root = rules.root();
        String remote = root.isEmpty() ? sourceDirectory : sourceDirectory + "/" + root;
        int count = 0;
        try {
            Files.createDirectories(target);
            DirectoryCleaner.empty(target);
            Optional<InputStream> tar = container.copyOut(remote);
            if (tar.isPresent()) {
                try (TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(tar.get(), 64 * 1024))) {
                    TarArchiveEntry entry;
                    while ((entry = in.getNextEntry()) != null) {
                        if (entry.isDirectory()) {
                            continue;
                        }
                        String name = entry.getName();
                        int slash = name.indexOf('/');
                        if (slash < 0) {
                            continue;   // the copied path itself is a file: not a directory of matches
                        }
                        String path = root.isEmpty() ? name.substring(slash + 1) : root + "/" + name.substring(slash + 1);
                        Optional<String> out = rules.target(path);
                        if (out.isPresent() && write(in, entry, target, out.get())) {
                            count++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying artifacts out of the build container failed", e);
        }
        if (count == 0) {
            rules.unmatchedPatterns().forEach(p -> output.accept("Skipping invalid file path " + p));
            throw PhaseFailedException.failed(Failure.CLIENT_ERROR, "no matching artifact paths found");
        }
        output.accept("Found " + count + " file(s)");
        return count;
    }

    private static boolean write(TarArchiveInputStream in, TarArchiveEntry entry, Path target, String relative)
            throws IOException {
        Path file = target.resolve(relative).normalize();
        if (!file.startsWith(target)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
            return true;
        }
        if (!entry.isFile()) {
            return false;
        }
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        Tars.applyMode(file, entry.getMode());
        return true;
    }
}
