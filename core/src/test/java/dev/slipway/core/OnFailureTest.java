package dev.slipway.core;

import dev.slipway.core.BuildSpec.OnFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnFailureTest {

    @ParameterizedTest
    @ValueSource(strings = {"ABORT", "CONTINUE", "RETRY", "RETRY-5", "RETRY-network.*", "RETRY-2-time.?out", "RETRY-3-7"})
    void everyFormRoundTrips(String form) {
        assertThat(OnFailure.parse(OnFailure.parse(form).toBuildspecValue())).isEqualTo(OnFailure.parse(form));
    }

    @Test
    void retryFormsAreRead() {
        assertThat(OnFailure.parse("RETRY")).isEqualTo(new OnFailure(OnFailure.Action.RETRY, 3, Optional.empty()));
        assertThat(OnFailure.parse("RETRY-5")).isEqualTo(new OnFailure(OnFailure.Action.RETRY, 5, Optional.empty()));
        assertThat(OnFailure.parse("RETRY-2-abc")).isEqualTo(new OnFailure(OnFailure.Action.RETRY, 2, Optional.of("abc")));
        assertThat(OnFailure.parse("RETRY-abc")).isEqualTo(new OnFailure(OnFailure.Action.RETRY, 3, Optional.of("abc")));
    }

    @Test
    void anythingElseIsRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> OnFailure.parse("IGNORE"))
                .hasMessage("expected ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>, got 'IGNORE'");
    }
}
