package dev.slipway.runtime.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import dev.slipway.core.Credentials;
import dev.slipway.core.SecretResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Registry credentials the way the Docker CLI finds them: explicit credentials first, else
 * {@code config.json} in the Docker config directory ({@code auths} with base64 {@code user:password},
 * {@code credHelpers} per registry, or the {@code credsStore}), asking {@code docker-credential-<helper>}
 * when a helper is named.
 */
public final class RegistryAuth {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RegistryAuth.class);

    private final Path dockerConfigDirectory;
    private final SecretResolver secrets;

    public RegistryAuth(Path dockerConfigDirectory, SecretResolver secrets) {
        this.dockerConfigDirectory = dockerConfigDirectory;
        this.secrets = secrets;
    }

    /** Explicit credentials for {@code registry}, the password resolved. */
    public AuthConfig explicit(String registry, Credentials credentials) {
        return new AuthConfig().withRegistryAddress(registry).withUsername(credentials.username())
                .withPassword(secrets.resolve(credentials.password()));
    }

    public static AuthConfig token(String registry, String username, String password) {
        return new AuthConfig().withRegistryAddress(registry).withUsername(username).withPassword(password);
    }

    /** What {@code config.json} holds for {@code registry} ({@code 127.0.0.1:5000}, {@code docker.io}), if anything. */
    public Optional<AuthConfig> fromDockerConfig(String registry) {
        Path file = dockerConfigDirectory.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode config;
        try {
            config = JSON.readTree(file.toFile());
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.getMessage());
            return Optional.empty();
        }
        String wanted = normalize(registry);
        JsonNode helpers = config.path("credHelpers");
        for (Map.Entry<String, JsonNode> helper : helpers.properties()) {
            if (normalize(helper.getKey()).equals(wanted)) {
                return fromHelper(helper.getValue().asText(), helper.getKey(), registry);
            }
        }
        JsonNode auths = config.path("auths");
        for (Map.Entry<String, JsonNode> auth : auths.properties()) {
            if (!normalize(auth.getKey()).equals(wanted)) {
                continue;
            }
            String encoded = auth.getValue().path("auth").asText("");
            if (!encoded.isEmpty()) {
                String decoded = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return Optional.of(token(registry, decoded.substring(0, colon), decoded.substring(colon + 1)));
                }
            }
            String identityToken = auth.getValue().path("identitytoken").asText("");
            if (!identityToken.isEmpty()) {
                return Optional.of(new AuthConfig().withRegistryAddress(registry).withIdentityToken(identityToken));
            }
        }
        String store = config.path("credsStore").asText("");
        return store.isEmpty() ? Optional.empty() : fromHelper(store, serverUrl(registry), registry);
    }

    private Optional<AuthConfig> fromHelper(String helper, String serverUrl, String registry) {
        try {
            Process process = new ProcessBuilder("docker-credential-" + helper, "get").redirectErrorStream(false).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
            }
            byte[] answer;
            try (InputStream out = process.getInputStream()) {
                answer = out.readAllBytes();
            }
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            JsonNode node = JSON.readTree(answer);
            String user = node.path("Username").asText("");
            String secret = node.path("Secret").asText("");
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of("<token>".equals(user)
                    ? new AuthConfig().withRegistryAddress(registry).withIdentityToken(secret)
                    : token(registry, user, secret));
        } catch (IOException e) {
            LOG.warn("credential helper docker-credential-{} failed: {}", helper, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String serverUrl(String registry) {
        return normalize(registry).equals("docker.io") ? "https://index.docker.io/v1/" : registry;
    }

    static String normalize(String registry) {
        String r = registry.strip().replaceFirst("^[a-z]+://", "");
        int slash = r.indexOf('/');
        if (slash >= 0) {
            r = r.substring(0, slash);
        }
        if (r.equals("index.docker.io") || r.equals("registry-1.docker.io")) {
            return "docker.io";
        }
        return r;
    }
}
