package dev.slipway.core;

/**
 * CodeBuild compute sizes. LocalRuntime limits the build container's memory to the same size, so a build
 * that runs out of memory locally would on AWS too.
 */
public enum ComputeType {
    SMALL("BUILD_GENERAL1_SMALL", 2, 3),
    MEDIUM("BUILD_GENERAL1_MEDIUM", 4, 7),
    LARGE("BUILD_GENERAL1_LARGE", 8, 15),
    XLARGE("BUILD_GENERAL1_XLARGE", 36, 72),
    X2LARGE("BUILD_GENERAL1_2XLARGE", 72, 145);

    private final String awsName;
    private final int vcpus;
    private final int memoryGiB;

    ComputeType(String awsName, int vcpus, int memoryGiB) {
        this.awsName = awsName;
        this.vcpus = vcpus;
        this.memoryGiB = memoryGiB;
    }

    /** CodeBuild's name, {@code BUILD_GENERAL1_SMALL}. */
    public String awsName() {
        return awsName;
    }

    public int vcpus() {
        return vcpus;
    }

    public long memoryBytes() {
        return memoryGiB * 1024L * 1024L * 1024L;
    }
}
