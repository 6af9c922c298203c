package dev.slipway.runtime.local;

import dev.slipway.core.Credentials;
import dev.slipway.core.Secret;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials for git repositories that a source action does not name credentials for itself.
 *
 * <pre>{@code
 * LocalRuntime.builder()
 *     .gitCredentials(url -> url.contains("github.com")
 *             ? Optional.of(new Credentials("x-access-token", new Secret.Value(System.getenv("GITHUB_TOKEN"))))
 *             : Optional.empty())
 *     .build();
 * }</pre>
 *
 * <p>The default, {@link #fromEnvironment()}, reads the process environment once, when the runtime is built:
 * {@code GIT_USERNAME} with {@code GIT_PASSWORD}; else {@code GIT_TOKEN} (user {@code git}); else
 * {@code GITHUB_TOKEN} (user {@code x-access-token}). They apply to every http(s) repository.
 */
@FunctionalInterface
public interface GitCredentialsProvider {

    /** Credentials for the repository at {@code url}, if any. */
    Optional<Credentials> credentialsFor(String url);

    /** No credentials: public repositories only. */
    static GitCredentialsProvider none() {
        return url -> Optional.empty();
    }

    /** Credentials from this process's environment variables (see the class comment). */
    static GitCredentialsProvider fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Credentials from the given variables, read the way {@link #fromEnvironment()} reads the environment. */
    static GitCredentialsProvider fromEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        Optional<Credentials> found = Optional.empty();
        String user = environment.get("GIT_USERNAME");
        String password = environment.get("GIT_PASSWORD");
        if (present(user) && present(password)) {
            found = Optional.of(new Credentials(user, new Secret.Value(password)));
        } else if (present(environment.get("GIT_TOKEN"))) {
            found = Optional.of(new Credentials("git", new Secret.Value(environment.get("GIT_TOKEN"))));
        } else if (present(environment.get("GITHUB_TOKEN"))) {
            found = Optional.of(new Credentials("x-access-token", new Secret.Value(environment.get("GITHUB_TOKEN"))));
        }
        Optional<Credentials> credentials = found;
        return url -> url.startsWith("http://") || url.startsWith("https://") ? credentials : Optional.empty();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
