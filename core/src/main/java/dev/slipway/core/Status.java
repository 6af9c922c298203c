package dev.slipway.core;

/**
 * How a pipeline, stage, action or build phase ended, in CodeBuild's vocabulary ({@code StatusType}),
 * so that local and AWS results compare one to one.
 *
 * <ul>
 *   <li>{@link #FAILED}: the work ran and said no: a command exited non-zero, no artifact matched.</li>
 *   <li>{@link #FAULT}: the world broke underneath: Docker went away, an image could not be pulled,
 *       the service answered with an error.</li>
 *   <li>{@link #TIMED_OUT}: the build's timeout ended it.</li>
 *   <li>{@link #STOPPED}: somebody called {@code stop()}.</li>
 * </ul>
 */
public enum Status {
    SUCCEEDED,
    FAILED,
    FAULT,
    TIMED_OUT,
    IN_PROGRESS,
    STOPPED;

    public boolean isSuccessful() {
        return this == SUCCEEDED;
    }

    public boolean isFinal() {
        return this != IN_PROGRESS;
    }

    /**
     * The status of a whole made of parts that ended with {@code this} and {@code other}: the worse one wins,
     * in the order STOPPED, TIMED_OUT, FAULT, FAILED, IN_PROGRESS, SUCCEEDED.
     */
    public Status and(Status other) {
        return severity(other) > severity(this) ? other : this;
    }

    private static int severity(Status status) {
        return switch (status) {
            case SUCCEEDED -> 0;
            case IN_PROGRESS -> 1;
            case FAILED -> 2;
            case FAULT -> 3;
            case TIMED_OUT -> 4;
            case STOPPED -> 5;
        };
    }
}
