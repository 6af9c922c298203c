package dev.slipway.runtime.local;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/** Real git repositories for tests, made with JGit in a temporary directory and reached by file:// URLs. */
final class GitRepos {
    private static final PersonIdent AUTHOR = new PersonIdent("Slipway Test", "test@slipway.dev");

    private GitRepos() {
    }

    static Git create(Path directory) throws Exception {
        return Git.init().setDirectory(directory.toFile()).setInitialBranch("master").call();
    }

    /** Writes the files (paths in {@code executables} made executable), commits everything, returns the commit. */
    static RevCommit commit(Git git, String message, Map<String, String> files, Set<String> executables) throws Exception {
        Path root = git.getRepository().getWorkTree().toPath();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
            if (executables.contains(file.getKey())) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
    }

    static RevCommit commit(Git git, String message, Map<String, String> files) throws Exception {
        return commit(git, message, files, Set.of());
    }

    static String url(Git git) {
        return git.getRepository().getWorkTree().toPath().toUri().toString();
    }
}
