package dev.slipway.core.spi;

import dev.slipway.core.BuildAction;
import dev.slipway.core.SecretResolver;

import java.util.Objects;

/**
 * One attempt of a build, as a runtime asks {@link BuildLifecycle} to run it.
 *
 * @param buildId     {@code <project>:<uuid>}
 * @param buildNumber the project's build counter for this build
 * @param region      {@code AWS_REGION} inside the build
 * @param accountId   the account in {@code CODEBUILD_BUILD_ARN}
 * @param secrets     resolves secret variables for this build
 */
public record BuildRequest(
        ActionContext context,
        BuildAction action,
        String buildId,
        long buildNumber,
        String region,
        String accountId,
        SecretResolver secrets) {

    public BuildRequest {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(secrets, "secrets");
    }

    /** The uuid part of the build ID. */
    public String buildUuid() {
        return buildId.substring(buildId.indexOf(':') + 1);
    }

    /** A new build ID for a project: {@code <project>:<random uuid>}. */
    public static String newBuildId(String projectName) {
        return projectName + ":" + java.util.UUID.randomUUID();
    }
}
