package dev.slipway.runtime.aws;

import dev.slipway.core.SlipwayException;

import java.util.Optional;

/**
 * An AWS call that did not work: AWS said no (access denied, validation), kept throttling or failing after
 * every retry, could not be reached, or answered with something unreadable. The message names the call, quotes
 * AWS's own words and says what to do next.
 *
 * <pre>{@code
 * try {
 *     runtime.run(pipeline);
 * } catch (AwsRuntimeException e) {
 *     e.operation();   // codepipeline:StartPipelineExecution
 *     e.errorCode();   // Optional[PipelineNotFoundException]
 * }
 * }</pre>
 *
 * <p>A build that fails is not an exception: it is a {@code FAILED} result.
 */
public class AwsRuntimeException extends SlipwayException {
    private final String operation;
    private final String errorCode;
    private final int statusCode;
    private final int attempts;

    /**
     * @param operation  {@code service:Operation}, as in IAM policies
     * @param errorCode  AWS's error code, or null when there was no answer
     * @param statusCode the HTTP status, or 0 when there was no answer
     * @param attempts   how many times the call was made
     */
    public AwsRuntimeException(String message, String operation, String errorCode, int statusCode, int attempts, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.errorCode = errorCode;
        this.statusCode = statusCode;
        this.attempts = attempts;
    }

    /** The call, {@code service:Operation} ({@code codebuild:BatchGetBuilds}). */
    public String operation() {
        return operation;
    }

    /** AWS's error code ({@code AccessDeniedException}); empty when AWS did not answer. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The HTTP status of the last answer; 0 when there was none. */
    public int statusCode() {
        return statusCode;
    }

    /** How many times the call was made before giving up (1 for errors that are not worth retrying). */
    public int attempts() {
        return attempts;
    }
}
