package dev.slipway.core;

import java.util.Objects;

/**
 * What to check out of a git repository: a branch, a tag, a commit, or the remote's default branch.
 */
public record GitRef(Kind kind, String value) {

    public enum Kind { DEFAULT_BRANCH, BRANCH, TAG, COMMIT }

    public static final GitRef DEFAULT = new GitRef(Kind.DEFAULT_BRANCH, "");

    public GitRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static GitRef branch(String name) {
        return new GitRef(Kind.BRANCH, name);
    }

    public static GitRef tag(String name) {
        return new GitRef(Kind.TAG, name);
    }

    public static GitRef commit(String sha) {
        return new GitRef(Kind.COMMIT, sha);
    }

    @Override
    public String toString() {
        return kind == Kind.DEFAULT_BRANCH ? "default branch" : kind.name().toLowerCase() + " " + value;
    }
}
