package dev.slipway.core.spi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {

    @Test
    void masksExactValues_longestFirst() {
        SecretMasker masker = new SecretMasker(List.of("abc", "abcdef"));
        assertThat(masker.mask("token=abcdef and abc")).isEqualTo("token=*** and ***");
    }

    @Test
    void masksAwsAccessKeyIds() {
        assertThat(SecretMasker.none().mask("key AKIAIOSFODNN7EXAMPLE used")).isEqualTo("key *** used");
    }

    @Test
    void leavesTransformedSecretsAlone_asCodeBuildDoes() {
        SecretMasker masker = new SecretMasker(List.of("s3cr3t"));
        assertThat(masker.mask("reversed t3rc3s")).isEqualTo("reversed t3rc3s");
    }

    @Test
    void ignoresEmptySecrets() {
        assertThat(new SecretMasker(List.of("")).mask("text")).isEqualTo("text");
    }

    @Test
    void credentialsWrittenIntoUrlsAreHidden_otherUrlsKept() {
        assertThat(SecretMasker.withoutUrlCredentials("cannot fetch https://bot:ghp_secret@github.com/o/r.git: not authorized"))
                .isEqualTo("cannot fetch https://***@github.com/o/r.git: not authorized");
        assertThat(SecretMasker.withoutUrlCredentials("Fetching file:///tmp/repo")).isEqualTo("Fetching file:///tmp/repo");
        assertThat(new dev.slipway.core.SourceLocation.GitRepository("http://ci:t0k3n@127.0.0.1:8080/app", java.util.Optional.empty()))
                .hasToString("http://***@127.0.0.1:8080/app");
    }
}
