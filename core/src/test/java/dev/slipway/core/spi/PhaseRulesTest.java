package dev.slipway.core.spi;

import dev.slipway.core.BuildSpec.OnFailure;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.slipway.core.PhaseType.*;
import static org.assertj.core.api.Assertions.assertThat;

class PhaseRulesTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "SUBMITTED, SUCCEEDED, QUEUED",
            "PROVISIONING, SUCCEEDED, DOWNLOAD_SOURCE",
            "INSTALL, SUCCEEDED, PRE_BUILD",
            "POST_BUILD, SUCCEEDED, UPLOAD_ARTIFACTS",
            "UPLOAD_ARTIFACTS, SUCCEEDED, FINALIZING",
            // CODEBUILD.md §2.2, no on-failure
            "PROVISIONING, FAILED, FINALIZING",
            "DOWNLOAD_SOURCE, FAILED, FINALIZING",
            "INSTALL, FAILED, FINALIZING",
            "PRE_BUILD, FAILED, FINALIZING",
            "BUILD, FAILED, POST_BUILD",
            "POST_BUILD, FAILED, UPLOAD_ARTIFACTS",
            "UPLOAD_ARTIFACTS, FAILED, FINALIZING",
            // the build ends at once
            "BUILD, TIMED_OUT, FINALIZING",
            "BUILD, STOPPED, FINALIZING",
            "PRE_BUILD, FAULT, FINALIZING",
    })
    void defaultTransitions(PhaseType finished, Status status, PhaseType next) {
        assertThat(PhaseRules.next(finished, status, Optional.empty())).contains(next);
    }

    @Test
    void nothingFollowsFinalizing() {
        assertThat(PhaseRules.next(FINALIZING, Status.SUCCEEDED, Optional.empty())).isEmpty();
        assertThat(PhaseRules.next(FINALIZING, Status.FAULT, Optional.empty())).isEmpty();
    }

    @Test
    void continueGoesOnToTheNextPhase_evenAfterPreBuild() {
        assertThat(PhaseRules.next(PRE_BUILD, Status.FAILED, Optional.of(OnFailure.CONTINUE))).contains(BUILD);
        assertThat(PhaseRules.next(INSTALL, Status.FAILED, Optional.of(OnFailure.CONTINUE))).contains(PRE_BUILD);
    }

    @Test
    void abortSkipsPostBuild_whenBuildFails() {
        assertThat(PhaseRules.next(BUILD, Status.FAILED, Optional.of(OnFailure.ABORT))).contains(FINALIZING);
    }

    @Test
    void onFailureDoesNotApplyToTimeouts() {
        assertThat(PhaseRules.next(BUILD, Status.TIMED_OUT, Optional.of(OnFailure.CONTINUE))).contains(FINALIZING);
    }

    @Test
    void retryRunsThePhaseAgainUntilTheCountIsUsed_andOnlyForMatchingFailures() {
        Optional<OnFailure> twice = Optional.of(OnFailure.parse("RETRY-2"));
        assertThat(PhaseRules.retryPhase(twice, 0, Status.FAILED, "x")).isTrue();
        assertThat(PhaseRules.retryPhase(twice, 1, Status.FAILED, "x")).isTrue();
        assertThat(PhaseRules.retryPhase(twice, 2, Status.FAILED, "x")).isFalse();
        assertThat(PhaseRules.retryPhase(twice, 0, Status.TIMED_OUT, "x")).isFalse();

        Optional<OnFailure> onlyNetwork = Optional.of(OnFailure.parse("RETRY-network"));
        assertThat(PhaseRules.retryPhase(onlyNetwork, 0, Status.FAILED, "network unreachable")).isTrue();
        assertThat(PhaseRules.retryPhase(onlyNetwork, 0, Status.FAILED, "exit status 2")).isFalse();
        // after retries, the default transition applies
        assertThat(PhaseRules.next(BUILD, Status.FAILED, twice)).contains(POST_BUILD);
    }

    @Test
    void buildStatusIsTheWorstPhase() {
        assertThat(PhaseRules.buildStatus(List.of(phase(BUILD, Status.SUCCEEDED)))).isEqualTo(Status.SUCCEEDED);
        assertThat(PhaseRules.buildStatus(List.of(phase(BUILD, Status.FAILED), phase(POST_BUILD, Status.SUCCEEDED))))
                .isEqualTo(Status.FAILED);
        assertThat(PhaseRules.buildStatus(List.of(phase(BUILD, Status.FAILED), phase(POST_BUILD, Status.TIMED_OUT))))
                .isEqualTo(Status.TIMED_OUT);
        assertThat(PhaseRules.buildStatus(List.of(phase(PROVISIONING, Status.FAULT)))).isEqualTo(Status.FAULT);
        assertThat(PhaseRules.buildSucceeding(List.of(phase(BUILD, Status.FAILED)))).isEqualTo("0");
        assertThat(PhaseRules.buildSucceeding(List.of(phase(BUILD, Status.SUCCEEDED)))).isEqualTo("1");
    }

    private static PhaseResult phase(PhaseType type, Status status) {
        return new PhaseResult(type, status, Instant.EPOCH, Duration.ZERO, Optional.empty());
    }
}
