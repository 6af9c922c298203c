package dev.slipway.runtime.aws.internal;

import dev.slipway.runtime.aws.AwsRuntimeException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Sorts AWS errors into worth retrying (throttling, 5xx, connection faults, slow answers: CODEBUILD.md §6.1) and
 * not (everything else), and turns them into {@link AwsRuntimeException}s that quote AWS and say what to do.
 */
public final class AwsErrors {
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(500, 502, 503, 504);
    private static final Set<String> RETRYABLE_CODES = Set.of("PriorRequestNotComplete", "RequestTimeout",
            "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException");
    private static final Set<String> CREDENTIAL_CODES = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
            "InvalidSignatureException", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException",
            "MissingAuthenticationToken", "IncompleteSignature", "InvalidAccessKeyId");
    private static final Set<String> QUOTA_CODES = Set.of("LimitExceededException", "AccountLimitExceededException",
            "ConcurrentPipelineExecutionsLimitExceededException", "TooManyTagsException");

    private AwsErrors() {
    }

    public static boolean isRetryable(Throwable error) {
        if (error instanceof AwsServiceException aws) {
            String code = code(aws);
            return aws.isThrottlingException() || RETRYABLE_STATUS.contains(aws.statusCode()) || RETRYABLE_CODES.contains(code);
        }
        if (error instanceof ApiCallAttemptTimeoutException || error instanceof ApiCallTimeoutException) {
            return true;
        }
        if (error instanceof SdkClientException || error instanceof UncheckedIOException) {
            return !isMalformedAnswer(error) && hasCause(error, IOException.class);
        }
        return false;
    }

    /** An answer that arrived but could not be read: a broken body, or an endpoint that is not AWS. */
    static boolean isMalformedAnswer(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (name.contains("jackson") || message.contains("Unable to unmarshall") || message.contains("Unable to parse")) {
                return true;
            }
        }
        return false;
    }

    static String code(AwsServiceException aws) {
        return aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
    }

    static String awsMessage(AwsServiceException aws) {
        String message = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorMessage();
        return message == null || message.isBlank() ? aws.getMessage() : message;
    }

    /** What a failed call becomes, once retrying is over (or was never worth it). */
    public static AwsRuntimeException translate(String operation, Throwable error, int attempts, String endpoint) {
        if (error instanceof AwsRuntimeException done) {
            return done;
        }
        String tries = attempts == 1 ? "" : " after " + attempts + " attempts";
        if (error instanceof AwsServiceException aws) {
            String code = code(aws);
            String said = "AWS said: " + (code == null ? "" : code + ": ") + awsMessage(aws) + " (HTTP " + aws.statusCode()
                    + (aws.requestId() == null ? "" : ", request " + aws.requestId()) + ")";
            return new AwsRuntimeException(operation + " failed" + tries + ". " + said + ". " + hint(operation, code, aws),
                    operation, code, aws.statusCode(), attempts, error);
        }
        if (isMalformedAnswer(error)) {
            return new AwsRuntimeException(operation + ": the answer could not be read (" + rootMessage(error) + "). It is not the "
                    + "JSON AWS sends; if an endpoint override is set (" + endpoint + "), check that it is an AWS API or an emulator of one.",
                    operation, null, 0, attempts, error);
        }
        if (error instanceof ApiCallAttemptTimeoutException || error instanceof ApiCallTimeoutException) {
            return new AwsRuntimeException(operation + ": AWS did not answer in time" + tries + " (" + rootMessage(error)
                    + "). Check the network, or give slow endpoints more time with AwsRuntime.builder().callTimeout(...).",
                    operation, null, 0, attempts, error);
        }
        return new AwsRuntimeException(operation + ": could not reach AWS at " + endpoint + tries + " (" + rootMessage(error)
                + "). Check the network, the region and the endpoint override.", operation, null, 0, attempts, error);
    }

    private static String hint(String operation, String code, AwsServiceException aws) {
        if (code == null) {
            return aws.statusCode() >= 500 ? "AWS kept failing; try again later." : "";
        }
        if (aws.isThrottlingException()) {
            return "AWS kept throttling the calls: run fewer pipelines at once, or try again later.";
        }
        if (code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation") || code.equals("AuthorizationError")
                || aws.statusCode() == 403 && !CREDENTIAL_CODES.contains(code)) {
            return "The identity in use may not call " + operation + ": grant it that permission on the resource, or use other credentials.";
        }
        if (CREDENTIAL_CODES.contains(code)) {
            return "Check the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or AwsRuntime.builder().credentials(...)) and the clock of this machine.";
        }
        if (code.equals("PipelineNotFoundException")) {
            return "Deploy the pipeline first: runtime.deploy(pipeline), or runtime.deployAndRun(pipeline).";
        }
        if (QUOTA_CODES.contains(code)) {
            return "An AWS quota is reached: wait for running builds and executions to end, or ask AWS for a higher quota.";
        }
        if (code.contains("NotFound") || code.startsWith("NoSuch")) {
            return "The resource does not exist (any more): deploy the pipeline again with runtime.deploy(pipeline).";
        }
        if (code.contains("Validation") || code.startsWith("Invalid") || code.contains("Malformed")) {
            return "AWS rejected the request as it is; the message above says which setting. Check the pipeline definition.";
        }
        return "";
    }

    static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
