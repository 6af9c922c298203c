package dev.slipway.core;

import java.util.Objects;

/**
 * A user name and a secret, for a private git repository or a container registry. The password is a
 * {@link Secret} and never shown.
 */
public record Credentials(String username, Secret password) {
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ", ***]";
    }
}
