package dev.slipway.runtime.aws.internal;

import dev.slipway.runtime.aws.AwsRuntimeException;
import dev.slipway.runtime.aws.Plan;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * The artifact bucket: versioning on (CodePipeline needs it for S3 sources and keeps artifact versions), every
 * public access blocked, default encryption SSE-S3. Reads first; writes only what differs.
 */
final class BucketDeployer {
    private final S3Client s3;
    private final AwsCalls calls;
    private final String region;

    BucketDeployer(S3Client s3, AwsCalls calls, String region) {
        this.s3 = s3;
        this.calls = calls;
        this.region = region;
    }

    Drift plan(ResourceModel.Bucket bucket) {
        String name = bucket.name();
        try {
            calls.call("s3:HeadBucket", () -> s3.headBucket(b -> b.bucket(name)));
        } catch (AwsRuntimeException e) {
            if (e.statusCode() == 404) {
                return Drift.missing(Plan.ResourceType.S3_BUCKET, name);
            }
            if (e.statusCode() == 403) {
                throw new AwsRuntimeException("the artifact bucket name '" + name + "' is taken by another account, or this identity may "
                        + "not use it: choose another with AwsRuntime.builder().artifactBucket(\"…\")", e.operation(),
                        e.errorCode().orElse(null), 403, e.attempts(), e);
            }
            throw e;
        }
        Drift drift = Drift.existing(Plan.ResourceType.S3_BUCKET, name);
        String versioning = calls.call("s3:GetBucketVersioning", () -> s3.getBucketVersioning(b -> b.bucket(name))).statusAsString();
        drift.compare("versioning", "versioning", versioning, "Enabled");
        drift.compare("publicAccessBlock", "publicAccessBlock", publicAccessBlock(name), "all blocked");
        drift.compare("encryption", "encryption", encryption(name), "encrypted");
        return drift;
    }

    void apply(ResourceModel.Bucket bucket, Drift drift) {
        String name = bucket.name();
        if (drift.isMissing()) {
            calls.call("s3:CreateBucket", () -> s3.createBucket(b -> {
                b.bucket(name);
                if (!region.equals("us-east-1")) {
                    b.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(region)));
                }
            }));
        }
        if (drift.differs("versioning")) {
            calls.call("s3:PutBucketVersioning", () -> s3.putBucketVersioning(b -> b.bucket(name)
                    .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED))));
        }
        if (drift.differs("publicAccessBlock")) {
            calls.call("s3:PutPublicAccessBlock", () -> s3.putPublicAccessBlock(b -> b.bucket(name)
                    .publicAccessBlockConfiguration(p -> p.blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true)
                            .restrictPublicBuckets(true))));
        }
        if (drift.differs("encryption")) {
            calls.call("s3:PutBucketEncryption", () -> s3.putBucketEncryption(b -> b.bucket(name)
                    .serverSideEncryptionConfiguration(ServerSideEncryptionConfiguration.builder()
                            .rules(ServerSideEncryptionRule.builder()
                                    .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)).build())
                            .build())));
        }
    }

    private String publicAccessBlock(String name) {
        try {
            PublicAccessBlockConfiguration c = calls.call("s3:GetPublicAccessBlock",
                    () -> s3.getPublicAccessBlock(b -> b.bucket(name))).publicAccessBlockConfiguration();
            boolean all = Boolean.TRUE.equals(c.blockPublicAcls()) && Boolean.TRUE.equals(c.ignorePublicAcls())
                    && Boolean.TRUE.equals(c.blockPublicPolicy()) && Boolean.TRUE.equals(c.restrictPublicBuckets());
            return all ? "all blocked" : "partly open";
        } catch (AwsRuntimeException e) {
            if (e.errorCode().filter(code -> code.equals("NoSuchPublicAccessBlockConfiguration")).isPresent()) {
                return "not configured";
            }
            throw e;
        }
    }

    /** SSE-S3 or SSE-KMS both count as encrypted: a bucket the user chose to encrypt with KMS is left alone. */
    private String encryption(String name) {
        try {
            ServerSideEncryptionConfiguration c = calls.call("s3:GetBucketEncryption",
                    () -> s3.getBucketEncryption(b -> b.bucket(name))).serverSideEncryptionConfiguration();
            boolean encrypted = c != null && c.rules().stream().anyMatch(r -> r.applyServerSideEncryptionByDefault() != null
                    && r.applyServerSideEncryptionByDefault().sseAlgorithm() != null);
            return encrypted ? "encrypted" : "not encrypted";
        } catch (AwsRuntimeException e) {
            if (e.getCause() instanceof S3Exception && e.errorCode().filter(c -> c.contains("EncryptionConfigurationNotFound")).isPresent()) {
                return "not encrypted";
            }
            throw e;
        }
    }
}
