package dev.slipway.core;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where a source action takes its files from. */
public sealed interface SourceLocation {

    /**
     * A git repository by URL ({@code https://}, {@code ssh://}, {@code git://}, {@code file://}). On AWS a
     * GitHub, GitHub Enterprise or Bitbucket repository goes through a CodeStar connection ({@code connectionArn}).
     */
    record GitRepository(String url, Optional<String> connectionArn) implements SourceLocation {
        public GitRepository {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(connectionArn, "connectionArn");
        }

        /** {@code owner/repo} for GitHub and Bitbucket URLs, as CodePipeline's FullRepositoryId wants it. */
        public Optional<String> fullRepositoryId() {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("^(?:https?://|ssh://git@|git@)(?:www\\.)?[^/:]+[/:]([^/]+)/([^/]+?)(?:\\.git)?/?$")
                    .matcher(url);
            return m.matches() ? Optional.of(m.group(1) + "/" + m.group(2)) : Optional.empty();
        }

        /**
         * The URL with a password or token written into it ({@code https://user:token@host/…}) shown as
         * {@code ***}: what {@code toString}, results and logs show.
         */
        public String redactedUrl() {
            return dev.slipway.core.spi.SecretMasker.withoutUrlCredentials(url);
        }

        @Override
        public String toString() {
            return redactedUrl();
        }
    }

    /**
     * A directory on this machine, taken as it is (uncommitted changes included). Runs locally only.
     */
    record LocalDirectory(Path path) implements SourceLocation {
        public LocalDirectory {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** An AWS CodeCommit repository by name. */
    record CodeCommit(String repositoryName) implements SourceLocation {
        public CodeCommit {
            Objects.requireNonNull(repositoryName, "repositoryName");
        }

        @Override
        public String toString() {
            return "codecommit://" + repositoryName;
        }
    }

    /** A ZIP object in S3 (CodePipeline's S3 source). */
    record S3Object(String bucket, String key) implements SourceLocation {
        public S3Object {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "s3://" + bucket + "/" + key;
        }
    }
}
