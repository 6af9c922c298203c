package dev.slipway.core.spi;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplatesTest {
    private final Map<String, Map<String, String>> exported = new LinkedHashMap<>();

    TemplatesTest() {
        exported.put("Build", Map.of("APP_VERSION", "abc.1"));
        exported.put("Package", Map.of("APP_VERSION", "abc.2"));
    }

    @Test
    void theLatestBuildWins_whenNoActionIsNamed() {
        assertThat(Templates.expand("v-${APP_VERSION}", ref -> Templates.lookup(ref, exported))).isEqualTo("v-abc.2");
    }

    @Test
    void anActionCanBeNamed() {
        assertThat(Templates.expand("${Build.APP_VERSION}", ref -> Templates.lookup(ref, exported))).isEqualTo("abc.1");
    }

    @Test
    void literalTextStays() {
        assertThat(Templates.expand("latest", ref -> Optional.empty())).isEqualTo("latest");
        assertThat(Templates.literalParts("v${A}-x")).isEqualTo("v-x");
    }

    @Test
    void aMissingVariableIsNamed() {
        assertThatThrownBy(() -> Templates.expand("${NOPE}", ref -> Templates.lookup(ref, exported)))
                .hasMessage("'${NOPE}' uses ${NOPE}, which no earlier build exported");
    }
}
