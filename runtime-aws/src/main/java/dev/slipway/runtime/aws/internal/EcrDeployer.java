package dev.slipway.runtime.aws.internal;

import dev.slipway.runtime.aws.AwsRuntimeException;
import dev.slipway.runtime.aws.Plan;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * An ECR repository, and for a build image the repository policy that lets {@code codebuild.amazonaws.com} pull
 * (ecr:GetDownloadUrlForLayer, ecr:BatchGetImage, ecr:BatchCheckLayerAvailability), as in the book.
 */
final class EcrDeployer {
    private final EcrClient ecr;
    private final AwsCalls calls;

    EcrDeployer(EcrClient ecr, AwsCalls calls) {
        this.ecr = ecr;
        this.calls = calls;
    }

    Drift plan(ResourceModel.Repository repository) {
        try {
            calls.call("ecr:DescribeRepositories", () -> ecr.describeRepositories(b -> b.repositoryNames(repository.name())));
        } catch (AwsRuntimeException e) {
            if (e.errorCode().filter("RepositoryNotFoundException"::equals).isPresent()) {
                return Drift.missing(Plan.ResourceType.ECR_REPOSITORY, repository.name());
            }
            throw e;
        }
        Drift drift = Drift.existing(Plan.ResourceType.ECR_REPOSITORY, repository.name());
        if (repository.policy().isPresent()) {
            String policy;
            try {
                policy = calls.call("ecr:GetRepositoryPolicy", () -> ecr.getRepositoryPolicy(b -> b.repositoryName(repository.name())))
                        .policyText();
            } catch (AwsRuntimeException e) {
                if (e.errorCode().filter("RepositoryPolicyNotFoundException"::equals).isEmpty()) {
                    throw e;
                }
                policy = null;
            }
            drift.compareJson("policy", "repository policy", policy, repository.policy().get());
        }
        return drift;
    }

    void apply(ResourceModel.Repository repository, Drift drift) {
        if (drift.isMissing()) {
            calls.call("ecr:CreateRepository", () -> ecr.createRepository(b -> b.repositoryName(repository.name())
                    .imageScanningConfiguration(s -> s.scanOnPush(true))));
        }
        if (repository.policy().isPresent() && drift.differs("policy")) {
            calls.call("ecr:SetRepositoryPolicy", () -> ecr.setRepositoryPolicy(b -> b.repositoryName(repository.name())
                    .policyText(Drift.toJson(repository.policy().get()))));
        }
    }
}
