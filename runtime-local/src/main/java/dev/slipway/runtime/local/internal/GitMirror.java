package dev.slipway.runtime.local.internal;

import dev.slipway.core.GitRef;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A bare clone of one remote repository in the cache: fetched (all branches and tags) on every use, so that
 * an unchanged repository costs one round trip; a commit's tree is written straight from the object database,
 * without a work tree, so that parallel runs never share checkout state. Callers hold the repository's lock.
 */
final class GitMirror implements AutoCloseable {
    private static final RefSpec BRANCHES = new RefSpec("+refs/heads/*:refs/remotes/origin/*");
    private static final RefSpec TAGS = new RefSpec("+refs/tags/*:refs/tags/*");

    /** A ref that the remote does not have; the message names it. */
    static final class RefNotFound extends Exception {
        RefNotFound(String message) {
            super(message);
        }
    }

    private final Git git;
    private final String url;
    private FetchResult lastFetch;

    private GitMirror(Git git, String url) {
        this.git = git;
        this.url = url;
    }

    /** Opens the mirror at {@code directory}, creating an empty one if there is none. */
    static GitMirror open(Path directory, String url) throws IOException, GitAPIException {
        Git git = Files.isDirectory(directory.resolve("objects"))
                ? Git.open(directory.toFile())
                : Git.init().setBare(true).setDirectory(directory.toFile()).call();
        return new GitMirror(git, url);
    }

    void fetch(Optional<CredentialsProvider> credentials) throws GitAPIException {
        var fetch = git.fetch().setRemote(url).setRefSpecs(BRANCHES, TAGS).setTagOpt(TagOpt.NO_TAGS)
                .setRemoveDeletedRefs(true);
        credentials.ifPresent(fetch::setCredentialsProvider);
        lastFetch = fetch.call();
    }

    /** The commit {@code ref} names after the last fetch, and a description ("branch main"). */
    ObjectId resolve(GitRef ref) throws IOException, RefNotFound {
        Repository repo = git.getRepository();
        return switch (ref.kind()) {
            case DEFAULT_BRANCH -> {
                Ref head = lastFetch == null ? null : lastFetch.getAdvertisedRef(Constants.HEAD);
                if (head == null || head.getObjectId() == null) {
                    throw new RefNotFound(url + " has no default branch (HEAD): is it empty?");
                }
                yield commitOf(head.getObjectId(), "the default branch");
            }
            case BRANCH -> {
                Ref branch = repo.exactRef("refs/remotes/origin/" + ref.value());
                if (branch == null) {
                    throw new RefNotFound("branch '" + ref.value() + "' not found in " + url);
                }
                yield commitOf(branch.getObjectId(), "branch " + ref.value());
            }
            case TAG -> {
                Ref tag = repo.exactRef("refs/tags/" + ref.value());
                if (tag == null) {
                    throw new RefNotFound("tag '" + ref.value() + "' not found in " + url);
                }
                yield commitOf(tag.getObjectId(), "tag " + ref.value());
            }
            case COMMIT -> {
                ObjectId id;
                try {
                    id = repo.resolve(ref.value() + "^{commit}");
                } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
                    throw new RefNotFound("commit '" + ref.value() + "' cannot be resolved in " + url + ": " + e.getMessage());
                }
                if (id == null) {
                    throw new RefNotFound("commit '" + ref.value() + "' not found in " + url);
                }
                yield id;
            }
        };
    }

    private ObjectId commitOf(ObjectId id, String what) throws IOException, RefNotFound {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            return walk.parseCommit(id).getId();
        } catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            throw new RefNotFound(what + " of " + url + " does not name a commit");
        }
    }

    /** Writes the commit's files (modes and symlinks kept, no {@code .git}) into the empty directory {@code target}. */
    void export(ObjectId commit, Path target) throws IOException {
        Repository repo = git.getRepository();
        Files.createDirectories(target);
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            RevCommit c = walk.parseCommit(commit);
            tree.addTree(c.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                Path file = target.resolve(tree.getPathString()).normalize();
                if (!file.startsWith(target) || mode == FileMode.GITLINK) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                ObjectLoader loader = repo.open(tree.getObjectId(0));
                if (mode == FileMode.SYMLINK) {
                    Files.createSymbolicLink(file, Path.of(new String(loader.getBytes(), StandardCharsets.UTF_8)));
                } else {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        loader.copyTo(out);
                    }
                    if (mode == FileMode.EXECUTABLE_FILE) {
                        Tars.applyMode(file, 0755);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
