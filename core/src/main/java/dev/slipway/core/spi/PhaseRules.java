package dev.slipway.core.spi;

import dev.slipway.core.BuildSpec.OnFailure;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Status;

import java.util.List;
import java.util.Optional;

/**
 * CodeBuild's phase transitions, in one place (CODEBUILD.md §2.2–2.3). Every runtime asks these rules what
 * runs next; none decides on its own.
 *
 * <table>
 *   <caption>After a FAILED phase (no {@code on-failure})</caption>
 *   <tr><th>failed</th><th>next</th></tr>
 *   <tr><td>PROVISIONING, DOWNLOAD_SOURCE, INSTALL, PRE_BUILD</td><td>FINALIZING</td></tr>
 *   <tr><td>BUILD</td><td>POST_BUILD (then UPLOAD_ARTIFACTS)</td></tr>
 *   <tr><td>POST_BUILD</td><td>UPLOAD_ARTIFACTS</td></tr>
 *   <tr><td>UPLOAD_ARTIFACTS</td><td>FINALIZING</td></tr>
 * </table>
 *
 * {@code on-failure: CONTINUE} goes on to the next phase; {@code ABORT} goes to FINALIZING. A phase that
 * timed out, was stopped or faulted ends the build: FINALIZING runs next.
 */
public final class PhaseRules {

    private static final List<PhaseType> ORDER = List.of(PhaseType.SUBMITTED, PhaseType.QUEUED, PhaseType.PROVISIONING,
            PhaseType.DOWNLOAD_SOURCE, PhaseType.INSTALL, PhaseType.PRE_BUILD, PhaseType.BUILD, PhaseType.POST_BUILD,
            PhaseType.UPLOAD_ARTIFACTS, PhaseType.FINALIZING);

    private PhaseRules() {
    }

    /** The phase after {@code finished} ended with {@code status}; empty after FINALIZING. */
    public static Optional<PhaseType> next(PhaseType finished, Status status, Optional<OnFailure> onFailure) {
        if (finished == PhaseType.FINALIZING || finished == PhaseType.COMPLETED) {
            return Optional.empty();
        }
        if (status == Status.SUCCEEDED) {
            return Optional.of(following(finished));
        }
        if (status != Status.FAILED) {
            return Optional.of(PhaseType.FINALIZING);
        }
        if (onFailure.isPresent() && finished.isBuildspecPhase()) {
            return switch (onFailure.get().action()) {
                case CONTINUE -> Optional.of(following(finished));
                case ABORT -> Optional.of(PhaseType.FINALIZING);
                case RETRY -> next(finished, status, Optional.empty());   // retries exhausted: default transition
            };
        }
        return Optional.of(switch (finished) {
            case BUILD -> PhaseType.POST_BUILD;
            case POST_BUILD -> PhaseType.UPLOAD_ARTIFACTS;
            default -> PhaseType.FINALIZING;
        });
    }

    /** Whether a phase that failed this way is to be run again ({@code on-failure: RETRY…}). */
    public static boolean retryPhase(Optional<OnFailure> onFailure, int retriesDone, Status status, String failureMessage) {
        if (status != Status.FAILED || onFailure.isEmpty() || onFailure.get().action() != OnFailure.Action.RETRY) {
            return false;
        }
        OnFailure rule = onFailure.get();
        return retriesDone < rule.retryCount()
                && rule.retryPattern().map(p -> java.util.regex.Pattern.compile(p).matcher(failureMessage).find()).orElse(true);
    }

    /**
     * The build's status from its phases: SUCCEEDED when all succeeded; otherwise STOPPED, TIMED_OUT or FAULT
     * when a phase ended that way, else FAILED.
     */
    public static Status buildStatus(List<PhaseResult> phases) {
        Status status = Status.SUCCEEDED;
        for (PhaseResult phase : phases) {
            status = status.and(phase.status());
        }
        return status;
    }

    /** {@code CODEBUILD_BUILD_SUCCEEDING}: 1 until a phase has failed, then 0. */
    public static String buildSucceeding(List<PhaseResult> phases) {
        return phases.stream().allMatch(p -> p.status().isSuccessful()) ? "1" : "0";
    }

    private static PhaseType following(PhaseType phase) {
        return ORDER.get(ORDER.indexOf(phase) + 1);
    }
}
