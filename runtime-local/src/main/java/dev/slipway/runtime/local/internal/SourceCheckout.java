package dev.slipway.runtime.local.internal;

import dev.slipway.core.Artifact;
import dev.slipway.core.Credentials;
import dev.slipway.core.Failure;
import dev.slipway.core.SlipwayException;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceLocation;
import dev.slipway.core.SourceResult;
import dev.slipway.core.Status;
import dev.slipway.core.spi.ActionContext;
import dev.slipway.core.spi.SecretMasker;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The source action. A git repository is mirrored in the cache ({@code <cache>/git/<hash of url>.git}),
 * fetched, and the commit of the branch, tag or commit asked for is written to the run's artifact directory
 * without {@code .git}, like CodePipeline's CODE_ZIP source artifact (a Makefile that calls {@code git}
 * gets "not a git repository" there too; {@code CODEBUILD_RESOLVED_SOURCE_VERSION} holds the commit).
 * A local directory is the artifact as it is, uncommitted changes and {@code .git} included, like the
 * CodeBuild agent's {@code -s} directory; its commit is its HEAD when it is a git work tree.
 */
public final class SourceCheckout {
    private final Path gitCache;
    private final LocalServices services;

    public SourceCheckout(LocalServices services) {
        this.services = services;
        this.gitCache = services.cacheDirectory().resolve("git");
    }

    public SourceResult checkout(ActionContext context, SourceAction action, Path artifactDirectory) {
        Instant start = context.clock().instant();
        try {
            if (action.location() instanceof SourceLocation.GitRepository git) {
                String commit = checkoutGit(context, action, git.url(), artifactDirectory);
                return succeeded(context, action, start, commit, artifactDirectory);
            }
            if (action.location() instanceof SourceLocation.LocalDirectory local) {
                Path directory = local.path().toAbsolutePath().normalize();
                if (!Files.isDirectory(directory)) {
                    return failed(context, action, start, "directory " + directory + " does not exist");
                }
                context.log(null, "Using directory " + directory + " as it is");
                return succeeded(context, action, start, headOf(directory), directory);
            }
            return failed(context, action, start, "LocalRuntime cannot fetch " + action.location()
                    + ": use git(url) or localPath(dir) sources locally");
        } catch (SourceFailure e) {
            DirectoryCleaner.deleteQuietly(artifactDirectory);
            return failed(context, action, start, e.getMessage());
        }
    }

    private String checkoutGit(ActionContext context, SourceAction action, String url, Path target) throws SourceFailure {
        Path mirror = gitCache.resolve(key(url) + ".git");
        try {
            return FileLocks.withLock(gitCache.resolve(key(url) + ".lock"), channel -> {
                try {
                    return fetchAndExport(context, action, url, mirror, target);
                } catch (SourceFailure e) {
                    throw new SourceFailureCarrier(e);
                } catch (GitAPIException e) {
                    throw new SourceFailureCarrier(new SourceFailure("cannot check out " + url + ": " + describe(e)));
                }
            });
        } catch (SourceFailureCarrier e) {
            throw e.failure;
        } catch (IOException e) {
            throw new SourceFailure("cannot check out " + url + ": " + describe(e));
        }
    }

    private String fetchAndExport(ActionContext context, SourceAction action, String url, Path mirror, Path target)
            throws IOException, GitAPIException, SourceFailure {
        boolean fresh = !Files.isDirectory(mirror.resolve("objects"));
        context.log(null, (fresh ? "Cloning " : "Fetching ") + redact(url));
        GitMirror repo = GitMirror.open(mirror, url);
        Optional<CredentialsProvider> credentials = credentials(action, url);
        try {
            repo.fetch(credentials);
        } catch (GitAPIException | RuntimeException e) {
            repo.close();
            if (fresh) {
                DirectoryCleaner.deleteQuietly(mirror);
            }
            boolean hadCredentials = credentials.isPresent() || !redact(url).equals(url);   // given, or in the URL
            throw new SourceFailure("cannot fetch " + url + ": " + fetchProblem(describe(e), hadCredentials));
        }
        try (repo) {
            ObjectId commit;
            try {
                commit = repo.resolve(action.ref());
            } catch (GitMirror.RefNotFound e) {
                throw new SourceFailure(e.getMessage());
            }
            DirectoryCleaner.delete(target);
            repo.export(commit, target);
            context.log(null, "Checked out " + action.ref() + " at commit " + commit.name());
            return commit.name();
        }
    }

    private Optional<CredentialsProvider> credentials(SourceAction action, String url) {
        Optional<Credentials> credentials = action.credentials().or(() -> services.gitCredentials().credentialsFor(url));
        return credentials.map(c -> {
            String password;
            try {
                password = services.secrets().resolve(c.password());
            } catch (SlipwayException e) {
                throw new IllegalStateException("cannot resolve the git password of " + url + ": " + e.getMessage(), e);
            }
            return new UsernamePasswordCredentialsProvider(c.username(), password);
        });
    }

    private static String headOf(Path directory) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(directory.toFile());
        if (builder.getGitDir() == null) {
            return "";
        }
        try (Repository repo = builder.build()) {
            ObjectId head = repo.resolve("HEAD^{commit}");
            return head == null ? "" : head.name();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private SourceResult succeeded(ActionContext context, SourceAction action, Instant start, String commit, Path artifact) {
        return new SourceResult(action.name(), Status.SUCCEEDED, start, Duration.between(start, context.clock().instant()),
                Optional.empty(), where(action), action.ref().toString(), commit,
                List.of(new Artifact(action.outputArtifact(), artifact.toUri())));
    }

    /** The location as a reader wants it: a local directory as its absolute path, a URL without credentials. */
    private static String where(SourceAction action) {
        return action.location() instanceof SourceLocation.LocalDirectory local
                ? local.path().toAbsolutePath().normalize().toString()
                : action.location().toString();
    }

    private SourceResult failed(ActionContext context, SourceAction action, Instant start, String rawMessage) {
        String message = redact(rawMessage);
        context.log(null, message);
        return new SourceResult(action.name(), Status.FAILED, start, Duration.between(start, context.clock().instant()),
                Optional.of(Failure.of(Failure.SOURCE_ERROR, message)), where(action),
                action.ref().toString(), "", List.of());
    }

    /** JGit's reason without the URL it starts with, and for refused authentication what to do about it. */
    private static String fetchProblem(String reason, boolean hadCredentials) {
        int colon = reason.indexOf(": ");
        String problem = colon > 0 && reason.substring(0, colon).matches("[a-z][a-z0-9+.-]*://\\S+") ? reason.substring(colon + 2) : reason;
        boolean authentication = problem.contains("Authentication is required") || problem.contains("not authorized");
        if (authentication && !hadCredentials) {
            return problem + ". The repository wants credentials: give the source .credentials(credentials(user, secret)), "
                    + "set GIT_USERNAME and GIT_PASSWORD (or GIT_TOKEN, or GITHUB_TOKEN), or LocalRuntime.builder().gitCredentials(...)";
        }
        if (authentication) {
            return problem + ". The repository refused the credentials given: check the user name and password or token";
        }
        return problem;
    }

    private static String describe(Exception e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && (message == null || !message.contains(t.getMessage()))) {
                message = message == null ? t.getMessage() : message + ": " + t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static String redact(String text) {
        return SecretMasker.withoutUrlCredentials(text);
    }

    private static String key(String url) {
        String name = url.replaceAll("/+$", "").replaceAll("(/\\.git|\\.git)$", "").replaceAll(".*[/:]", "")
                .replaceAll("[^A-Za-z0-9_.-]", "_");
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(url.getBytes(StandardCharsets.UTF_8)));
            return (name.isEmpty() ? "repo" : name) + "-" + hash.substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class SourceFailure extends Exception {
        SourceFailure(String message) {
            super(redact(message));   // JGit's messages quote the URL as given
        }
    }

    /** Carries a {@link SourceFailure} out of the locked section, whose work may throw only IOException. */
    private static final class SourceFailureCarrier extends IOException {
        private final SourceFailure failure;

        SourceFailureCarrier(SourceFailure failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }
}
