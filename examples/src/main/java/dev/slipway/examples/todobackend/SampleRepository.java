package dev.slipway.examples.todobackend;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The todobackend sample application, kept in the examples' resources, turned into a real git repository
 * with one commit on {@code main}: what the example pipelines clone.
 *
 * <pre>{@code
 * String url = SampleRepository.create(Files.createTempDirectory("todobackend"));   // file:///tmp/…/todobackend
 * }</pre>
 */
public final class SampleRepository {
    static final List<String> FILES = List.of(
            "README.md", "Makefile", "Dockerfile", "buildspec.yml", "src/todo.sh", "tests/test_todo.sh");

    private SampleRepository() {
    }

    /** Writes the application into {@code directory}, commits it, and returns the repository's file URL. */
    public static String create(Path directory) {
        try {
            for (String file : FILES) {
                Path target = directory.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = SampleRepository.class.getResourceAsStream("/todobackend/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("the examples jar lacks todobackend/" + file);
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
                git.add().addFilepattern(".").call();
                PersonIdent author = new PersonIdent("Slipway Examples", "examples@slipway.dev");
                git.commit().setMessage("todobackend: sample application").setAuthor(author).setCommitter(author)
                        .setSign(false).call();
            }
            return directory.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample repository to " + directory, e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit the sample repository in " + directory + ": " + e.getMessage(), e);
        }
    }
}
