package dev.slipway.runtime.aws.internal;

import java.util.Objects;

/**
 * Where resources live: partition, region and account. ARNs and names are made from it. For a CloudFormation
 * template the three are the pseudo parameters ({@code ${AWS::AccountId}}…), which the template renders with
 * {@code Fn::Sub}.
 */
public record AwsScope(String partition, String region, String accountId) {

    public static final String PLACEHOLDER_START = "${AWS::";

    public AwsScope {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** The scope of a real account: the partition follows from the region. */
    public static AwsScope of(String region, String accountId) {
        return new AwsScope(partitionOf(region), region, accountId);
    }

    /** The scope of a CloudFormation template: resolved where the stack is created. */
    public static AwsScope cloudFormation() {
        return new AwsScope("${AWS::Partition}", "${AWS::Region}", "${AWS::AccountId}");
    }

    public boolean isTemplate() {
        return accountId.startsWith(PLACEHOLDER_START);
    }

    public static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    public String arn(String service, String resource) {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
    }

    public String roleArn(String roleName) {
        return "arn:" + partition + ":iam::" + accountId + ":role/" + roleName;
    }

    public String bucketArn(String bucket) {
        return "arn:" + partition + ":s3:::" + bucket;
    }

    public String projectArn(String project) {
        return arn("codebuild", "project/" + project);
    }

    public String logGroupArn(String group) {
        return arn("logs", "log-group:" + group);
    }

    public String repositoryArn(String repository) {
        return arn("ecr", "repository/" + repository);
    }

    /** {@code <account>.dkr.ecr.<region>.amazonaws.com}. */
    public String ecrHost() {
        return accountId + ".dkr.ecr." + region + ".amazonaws.com" + (partition.equals("aws-cn") ? ".cn" : "");
    }
}
