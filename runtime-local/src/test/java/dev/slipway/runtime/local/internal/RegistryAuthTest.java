package dev.slipway.runtime.local.internal;

import com.github.dockerjava.api.model.AuthConfig;
import dev.slipway.core.Credentials;
import dev.slipway.core.Secret;
import dev.slipway.core.SecretResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryAuthTest {
    @TempDir
    Path config;

    @Test
    void credentialsComeFromTheAuthsOfConfigJson() throws Exception {
        String auth = Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8));
        Files.writeString(config.resolve("config.json"), """
                {"auths": {"https://registry.example.com/v1/": {"auth": "%s"},
                           "127.0.0.1:5000": {"auth": "%s"}}}
                """.formatted(auth, auth));
        RegistryAuth registryAuth = new RegistryAuth(config, SecretResolver.valuesOnly());

        AuthConfig found = registryAuth.fromDockerConfig("registry.example.com").orElseThrow();
        assertThat(found.getUsername()).isEqualTo("ci");
        assertThat(found.getPassword()).isEqualTo("s3cret");
        assertThat(registryAuth.fromDockerConfig("127.0.0.1:5000")).isPresent();
        assertThat(registryAuth.fromDockerConfig("other.example.com")).isEmpty();
    }

    @Test
    void noConfigFileMeansNoCredentials() {
        assertThat(new RegistryAuth(config, SecretResolver.valuesOnly()).fromDockerConfig("docker.io")).isEmpty();
    }

    @Test
    void explicitCredentialsResolveTheirSecret() {
        RegistryAuth registryAuth = new RegistryAuth(config, SecretResolver.fromMap(Map.of("/ci/registry", "from-ssm")));

        AuthConfig auth = registryAuth.explicit("ghcr.io", new Credentials("bot", new Secret.ParameterStore("/ci/registry")));

        assertThat(auth.getUsername()).isEqualTo("bot");
        assertThat(auth.getPassword()).isEqualTo("from-ssm");
        assertThat(auth.getRegistryAddress()).isEqualTo("ghcr.io");
    }

    @Test
    void registryNamesAreComparedWithoutSchemeOrPath() {
        assertThat(RegistryAuth.normalize("https://index.docker.io/v1/")).isEqualTo("docker.io");
        assertThat(RegistryAuth.normalize("http://127.0.0.1:5000")).isEqualTo("127.0.0.1:5000");
    }

    @Test
    void ecrHostsAreRecognised() {
        assertThat(EcrTokens.isEcrHost("123456789012.dkr.ecr.eu-west-1.amazonaws.com")).isTrue();
        assertThat(EcrTokens.regionOf("123456789012.dkr.ecr.eu-west-1.amazonaws.com")).contains("eu-west-1");
        assertThat(EcrTokens.isEcrHost("127.0.0.1:5000")).isFalse();
        assertThat(EcrTokens.available()).as("the ECR client is on the test class path").isTrue();
    }
}
