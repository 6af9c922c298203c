package dev.slipway.runtime.aws;

import dev.slipway.core.Status;
import dev.slipway.runtime.aws.support.DesignPipeline;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the Javadoc examples promise that can be checked without AWS. (examples' JavadocExamplesTest compiles them all.) */
class ExamplesTest {

    @Test
    void aPlanPrintsAsATable() {
        Plan plan = new Plan("todobackend", "us-east-1", java.util.List.of(
                new Plan.ResourceChange(Plan.ResourceType.S3_BUCKET, "slipway-todobackend-123456789012-us-east-1", Plan.ChangeType.NO_CHANGE, java.util.List.of()),
                new Plan.ResourceChange(Plan.ResourceType.CODEBUILD_PROJECT, "todobackend", Plan.ChangeType.UPDATE,
                        java.util.List.of("timeoutInMinutes: '30' → '45'"))));
        assertThat(plan.toString()).isEqualTo("""
                Plan for pipeline 'todobackend' in us-east-1
                  NO_CHANGE S3_BUCKET         slipway-todobackend-123456789012-us-east-1
                  UPDATE    CODEBUILD_PROJECT todobackend
                            timeoutInMinutes: '30' → '45'""");
        assertThat(plan.hasChanges()).isTrue();
        assertThat(Status.SUCCEEDED).isNotNull();
        assertThat(DesignPipeline.of("").name()).isEqualTo("todobackend");
    }
}
