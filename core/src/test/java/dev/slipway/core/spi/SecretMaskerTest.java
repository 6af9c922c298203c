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
}
