package dev.slipway.dsl;

import dev.slipway.core.Action;
import dev.slipway.core.Credentials;
import dev.slipway.core.GitRef;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceLocation;

import java.util.Objects;
import java.util.Optional;

/**
 * A source action: a git repository ({@code git(url)}), a local directory ({@code localPath(dir)}), a
 * CodeCommit repository or an S3 object. Immutable.
 *
 * <pre>{@code
 * git("https://github.com/docker-in-aws/todobackend.git").branch("master")
 *     .connection("arn:aws:codestar-connections:us-east-1:123456789012:connection/abc");  // on AWS
 * }</pre>
 */
public final class SourceBuilder extends ActionBuilder {
    private final SourceLocation location;
    private final GitRef ref;
    private final Optional<Credentials> credentials;
    private final String name;
    private final String output;
    private final int runOrder;

    SourceBuilder(SourceLocation location) {
        this(location, GitRef.DEFAULT, Optional.empty(), null, null, 1);
    }

    private SourceBuilder(SourceLocation location, GitRef ref, Optional<Credentials> credentials, String name, String output, int runOrder) {
        this.location = location;
        this.ref = ref;
        this.credentials = credentials;
        this.name = name;
        this.output = output;
        this.runOrder = runOrder;
    }

    /** Check out this branch (default: the remote's default branch). */
    public SourceBuilder branch(String branch) {
        return withRef(GitRef.branch(Objects.requireNonNull(branch, "branch")));
    }

    public SourceBuilder tag(String tag) {
        return withRef(GitRef.tag(Objects.requireNonNull(tag, "tag")));
    }

    /** Check out exactly this commit. */
    public SourceBuilder commit(String sha) {
        return withRef(GitRef.commit(Objects.requireNonNull(sha, "sha")));
    }

    /**
     * The CodeStar connection AWS uses for a GitHub, GitHub Enterprise or Bitbucket repository. Only
     * AwsRuntime reads it; locally the repository is cloned directly.
     */
    public SourceBuilder connection(String connectionArn) {
        Objects.requireNonNull(connectionArn, "connectionArn");
        if (!(location instanceof SourceLocation.GitRepository git)) {
            throw new IllegalArgumentException("a connection applies to git(url) sources only, not " + location);
        }
        return new SourceBuilder(new SourceLocation.GitRepository(git.url(), Optional.of(connectionArn)), ref, credentials, name, output, runOrder);
    }

    /** Credentials for a private repository (the password is a secret: {@code secret(token)}). */
    public SourceBuilder credentials(Credentials credentials) {
        return new SourceBuilder(location, ref, Optional.of(Objects.requireNonNull(credentials, "credentials")), name, output, runOrder);
    }

    public SourceBuilder name(String actionName) {
        return new SourceBuilder(location, ref, credentials, Objects.requireNonNull(actionName, "actionName"), output, runOrder);
    }

    /** The output artifact's name (default {@code <action>Output}). */
    public SourceBuilder output(String artifactName) {
        return new SourceBuilder(location, ref, credentials, name, Objects.requireNonNull(artifactName, "artifactName"), runOrder);
    }

    public SourceBuilder runOrder(int order) {
        return new SourceBuilder(location, ref, credentials, name, output, order);
    }

    private SourceBuilder withRef(GitRef newRef) {
        return new SourceBuilder(location, newRef, credentials, name, output, runOrder);
    }

    @Override
    String explicitName() {
        return name;
    }

    @Override
    String defaultName() {
        return "Source";
    }

    @Override
    Action toAction(String actionName, Wiring wiring) {
        return new SourceAction(actionName, runOrder, location, ref, credentials, output != null ? output : Wiring.outputName(actionName));
    }

    @Override
    public String toString() {
        return "source " + location + (ref.kind() == GitRef.Kind.DEFAULT_BRANCH ? "" : " @ " + ref);
    }
}
