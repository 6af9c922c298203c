package dev.slipway.runtime.local;

import dev.slipway.core.Credentials;
import dev.slipway.core.Secret;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GitCredentialsProviderTest {
    @Test
    void userAndPasswordWinOverTokens() {
        GitCredentialsProvider provider = GitCredentialsProvider.fromEnvironment(
                Map.of("GIT_USERNAME", "me", "GIT_PASSWORD", "pw", "GITHUB_TOKEN", "ghp"));

        Credentials credentials = provider.credentialsFor("https://example.com/repo.git").orElseThrow();
        assertThat(credentials.username()).isEqualTo("me");
        assertThat(credentials.password()).isEqualTo(new Secret.Value("pw"));
    }

    @Test
    void tokensApplyToHttpRepositoriesOnly() {
        GitCredentialsProvider provider = GitCredentialsProvider.fromEnvironment(Map.of("GITHUB_TOKEN", "ghp"));

        assertThat(provider.credentialsFor("https://github.com/o/r.git")).map(Credentials::username).contains("x-access-token");
        assertThat(provider.credentialsFor("file:///tmp/repo")).isEmpty();
        assertThat(GitCredentialsProvider.fromEnvironment(Map.of("GIT_TOKEN", "t")).credentialsFor("http://h/r"))
                .map(Credentials::username).contains("git");
        assertThat(GitCredentialsProvider.fromEnvironment(Map.of()).credentialsFor("https://h/r")).isEmpty();
    }
}
