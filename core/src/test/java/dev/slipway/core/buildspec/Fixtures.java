package dev.slipway.core.buildspec;

import dev.slipway.core.BuildSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The buildspec files under {@code src/test/resources/buildspecs}. */
final class Fixtures {
    private Fixtures() {
    }

    static Path dir(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/buildspecs/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Path> files(String dirName) {
        try (Stream<Path> files = Files.list(dir(dirName))) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BuildSpec valid(String fileName) {
        return BuildSpec.parse(dir("valid").resolve(fileName));
    }
}
