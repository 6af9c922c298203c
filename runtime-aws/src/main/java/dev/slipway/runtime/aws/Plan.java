package dev.slipway.runtime.aws;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AwsRuntime#deploy} does (or did) to bring AWS in line with a pipeline: each resource with
 * {@link ChangeType#CREATE}, {@link ChangeType#UPDATE} or {@link ChangeType#NO_CHANGE}, and for an update what
 * differs.
 *
 * <pre>{@code
 * Plan plan = runtime.plan(pipeline);
 * System.out.println(plan);                   // a table, one resource per line
 * plan.hasChanges();                          // false right after a deploy
 * plan.resource(Plan.ResourceType.CODEBUILD_PROJECT, "todobackend").differences();
 * // [environment.image: 'docker-in-aws/codebuild' → '123456789012.dkr.ecr.us-east-1.amazonaws.com/codebuild']
 * }</pre>
 *
 * @param pipelineName the pipeline
 * @param region       the AWS region
 * @param changes      every resource the pipeline needs, in the order deploy handles them
 */
public record Plan(String pipelineName, String region, List<ResourceChange> changes) {

    /** The kinds of resource a pipeline deploys to, with their CloudFormation type names. */
    public enum ResourceType {
        S3_BUCKET("AWS::S3::Bucket"),
        IAM_ROLE("AWS::IAM::Role"),
        ECR_REPOSITORY("AWS::ECR::Repository"),
        CODEBUILD_PROJECT("AWS::CodeBuild::Project"),
        CODEPIPELINE("AWS::CodePipeline::Pipeline");

        private final String cloudFormationType;

        ResourceType(String cloudFormationType) {
            this.cloudFormationType = cloudFormationType;
        }

        public String cloudFormationType() {
            return cloudFormationType;
        }
    }

    public enum ChangeType { CREATE, UPDATE, NO_CHANGE }

    /**
     * One resource and what happens to it.
     *
     * @param differences for an UPDATE, each setting that differs ({@code timeoutInMinutes: 60 → 30}); empty
     *                    otherwise
     */
    public record ResourceChange(ResourceType type, String name, ChangeType change, List<String> differences) {
        public ResourceChange {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(change, "change");
            differences = List.copyOf(differences);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%-9s %-17s %s", change, type, name)
                    + (differences.isEmpty() ? "" : "\n            " + String.join("\n            ", differences));
        }
    }

    public Plan {
        Objects.requireNonNull(pipelineName, "pipelineName");
        Objects.requireNonNull(region, "region");
        changes = List.copyOf(changes);
    }

    /** Whether deploy has anything to do. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.change() != ChangeType.NO_CHANGE);
    }

    public List<ResourceChange> changes(ChangeType change) {
        return changes.stream().filter(c -> c.change() == change).toList();
    }

    public Optional<ResourceChange> find(ResourceType type, String name) {
        return changes.stream().filter(c -> c.type() == type && c.name().equals(name)).findFirst();
    }

    /** The change of one resource; throws, listing the resources, when the plan has no such resource. */
    public ResourceChange resource(ResourceType type, String name) {
        return find(type, name).orElseThrow(() -> new IllegalArgumentException("the plan has no " + type + " named '" + name
                + "'; it has " + changes.stream().map(c -> c.type() + " " + c.name()).toList()));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Plan for pipeline '").append(pipelineName).append("' in ").append(region)
                .append(hasChanges() ? "" : " (no changes)");
        changes.forEach(c -> s.append("\n  ").append(c));
        return s.toString();
    }
}
