package dev.slipway.runtime.aws.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names of the resources Slipway makes for a pipeline, within AWS's rules: the artifact bucket (S3: 3–63
 * lowercase letters, digits and hyphens), the two roles (IAM: at most 64 characters), generated CodeBuild
 * projects (2–150, starting alphanumeric), action namespaces. A name that would be too long is cut and ends
 * with a short hash of the full name, so two long names stay apart.
 */
public final class Naming {
    public static final String CODEBUILD_POLICY = "slipway-codebuild";
    public static final String CODEPIPELINE_POLICY = "slipway-codepipeline";
    private static final int ROLE_MAX = 64;
    private static final int PROJECT_MAX = 150;

    private Naming() {
    }

    /**
     * {@code slipway-<pipeline>-<account>-<region>}: unique per account and region, as an artifact store must
     * be in the pipeline's region.
     */
    public static String artifactBucket(String pipelineName, AwsScope scope) {
        String base = pipelineName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-|-$", "");
        base = fit(base.isEmpty() ? "pipeline" : base, 26, pipelineName);
        return "slipway-" + base + "-" + scope.accountId() + "-" + scope.region();
    }

    public static String codeBuildRole(String pipelineName) {
        return role(pipelineName, "-codebuild");
    }

    public static String codePipelineRole(String pipelineName) {
        return role(pipelineName, "-codepipeline");
    }

    private static String role(String pipelineName, String suffix) {
        String base = pipelineName.replaceAll("[^\\w+=,.@-]", "_");
        return "slipway-" + fit(base, ROLE_MAX - "slipway-".length() - suffix.length(), pipelineName) + suffix;
    }

    /** The CodeBuild project a publish action runs in: {@code <pipeline>-<action>-publish}. */
    public static String publishProject(String pipelineName, String actionName) {
        String base = (pipelineName + "-" + actionName).replaceAll("[^A-Za-z0-9_-]", "_");
        if (!Character.isLetterOrDigit(base.charAt(0))) {
            base = "p" + base;
        }
        return fit(base, PROJECT_MAX - "-publish".length(), pipelineName + "/" + actionName) + "-publish";
    }

    /** The namespace a build action's exported variables are published under: its name, as namespaces allow. */
    public static String namespace(String actionName) {
        return actionName.replaceAll("[^A-Za-z0-9@_-]", "_");
    }

    /** A CloudFormation logical ID: letters and digits only. */
    public static String logicalId(String prefix, String name) {
        StringBuilder s = new StringBuilder(prefix);
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return fit(s.toString(), 240, prefix + name).replace("-", "");
    }

    /** CodeBuild's default log group of a project. */
    public static String logGroup(String projectName) {
        return "/aws/codebuild/" + projectName;
    }

    static String fit(String name, int max, String full) {
        if (name.length() <= max) {
            return name;
        }
        String hash = shortHash(full);
        return name.substring(0, max - hash.length() - 1) + "-" + hash;
    }

    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
