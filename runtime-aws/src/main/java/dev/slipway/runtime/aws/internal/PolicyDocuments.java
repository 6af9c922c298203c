package dev.slipway.runtime.aws.internal;

import dev.slipway.core.BuildAction;
import dev.slipway.core.Secret;
import dev.slipway.core.SourceLocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IAM documents of a pipeline: trust policies for the two service principals, and least-privilege inline
 * policies whose actions are listed one by one and whose resources are this pipeline's bucket, log groups,
 * projects, connections, repositories, parameters and secrets. The only {@code "Resource": "*"} is
 * {@code ecr:GetAuthorizationToken}, which IAM does not scope, and only when a publish goes to ECR.
 */
public final class PolicyDocuments {
    public static final String VERSION = "2012-10-17";

    private PolicyDocuments() {
    }

    /** What the CodeBuild role's projects use. */
    record CodeBuildNeeds(List<String> projects, List<String> reportProjects, Set<String> parameters, Set<String> secrets,
                          List<String> pushRepositoryArns, List<String> connections, List<String> codeCommitRepositories,
                          List<SourceLocation.S3Object> s3Sources) {
    }

    /** What the CodePipeline role's actions use. */
    record CodePipelineNeeds(List<String> projects, List<String> connections, List<String> codeCommitRepositories,
                             List<SourceLocation.S3Object> s3Sources) {
    }

    public static Map<String, Object> trust(String servicePrincipal) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Service", servicePrincipal));
        statement.put("Action", "sts:AssumeRole");
        return document(List.of(statement));
    }

    static Map<String, Object> codeBuild(AwsScope scope, String bucket, CodeBuildNeeds needs) {
        List<Map<String, Object>> statements = new ArrayList<>();
        List<String> logGroups = new ArrayList<>();
        for (String project : needs.projects()) {
            String group = scope.logGroupArn(Naming.logGroup(project));
            logGroups.add(group);
            logGroups.add(group + ":*");
        }
        statements.add(statement("Logs", List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"), logGroups));
        if (bucket != null) {
            statements.add(statement("ArtifactObjects", List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"),
                    List.of(scope.bucketArn(bucket) + "/*")));
            statements.add(statement("ArtifactBucket", List.of("s3:GetBucketAcl", "s3:GetBucketLocation"), List.of(scope.bucketArn(bucket))));
        }
        if (!needs.reportProjects().isEmpty()) {
            statements.add(statement("Reports", List.of("codebuild:CreateReportGroup", "codebuild:CreateReport", "codebuild:UpdateReport",
                    "codebuild:BatchPutTestCases", "codebuild:BatchPutCodeCoverages"),
                    needs.reportProjects().stream().map(p -> scope.arn("codebuild", "report-group/" + p + "-*")).toList()));
        }
        if (!needs.parameters().isEmpty()) {
            statements.add(statement("Parameters", List.of("ssm:GetParameters"),
                    needs.parameters().stream().map(p -> parameterArn(scope, p)).toList()));
        }
        if (!needs.secrets().isEmpty()) {
            statements.add(statement("Secrets", List.of("secretsmanager:GetSecretValue"),
                    needs.secrets().stream().map(s -> secretArn(scope, s)).distinct().toList()));
        }
        if (!needs.pushRepositoryArns().isEmpty()) {
            statements.add(statement("ImagePush", List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
                    "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
                    "ecr:PutImage"), needs.pushRepositoryArns()));
            statements.add(statement("RegistryLogin", List.of("ecr:GetAuthorizationToken"), List.of("*")));
        }
        connections(statements, needs.connections(), true);
        if (!needs.codeCommitRepositories().isEmpty()) {
            statements.add(statement("CodeCommitPull", List.of("codecommit:GitPull"),
                    needs.codeCommitRepositories().stream().map(r -> scope.arn("codecommit", r)).toList()));
        }
        if (!needs.s3Sources().isEmpty()) {
            statements.add(statement("SourceObjects", List.of("s3:GetObject", "s3:GetObjectVersion"),
                    needs.s3Sources().stream().map(o -> scope.bucketArn(o.bucket()) + "/" + o.key()).toList()));
        }
        return document(statements);
    }

    static Map<String, Object> codePipeline(AwsScope scope, String bucket, CodePipelineNeeds needs) {
        List<Map<String, Object>> statements = new ArrayList<>();
        statements.add(statement("ArtifactObjects", List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl"),
                List.of(scope.bucketArn(bucket) + "/*")));
        statements.add(statement("ArtifactBucket", List.of("s3:GetBucketVersioning", "s3:GetBucketAcl", "s3:GetBucketLocation"),
                List.of(scope.bucketArn(bucket))));
        if (!needs.projects().isEmpty()) {
            statements.add(statement("Builds", List.of("codebuild:StartBuild", "codebuild:BatchGetBuilds", "codebuild:StopBuild"),
                    needs.projects().stream().map(scope::projectArn).toList()));
        }
        connections(statements, needs.connections(), false);
        if (!needs.codeCommitRepositories().isEmpty()) {
            statements.add(statement("CodeCommitSource", List.of("codecommit:GetBranch", "codecommit:GetCommit", "codecommit:UploadArchive",
                    "codecommit:GetUploadArchiveStatus", "codecommit:CancelUploadArchive"),
                    needs.codeCommitRepositories().stream().map(r -> scope.arn("codecommit", r)).toList()));
        }
        if (!needs.s3Sources().isEmpty()) {
            statements.add(statement("SourceObjects", List.of("s3:GetObject", "s3:GetObjectVersion"),
                    needs.s3Sources().stream().map(o -> scope.bucketArn(o.bucket()) + "/" + o.key()).toList()));
            statements.add(statement("SourceBuckets", List.of("s3:GetBucketVersioning"),
                    needs.s3Sources().stream().map(o -> scope.bucketArn(o.bucket())).distinct().toList()));
        }
        return document(statements);
    }

    /** The repository policy that lets CodeBuild pull a build image, as in the book, limited to the projects that use it. */
    static Map<String, Object> codeBuildPull(AwsScope scope, List<String> projects) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", "CodeBuildAccess");
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Service", "codebuild.amazonaws.com"));
        statement.put("Action", List.of("ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability"));
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("ArnLike", Map.of("aws:SourceArn", projects.stream().map(scope::projectArn).toList()));
        condition.put("StringEquals", Map.of("aws:SourceAccount", scope.accountId()));
        statement.put("Condition", condition);
        return document(List.of(statement));
    }

    /** The Parameter Store parameters and Secrets Manager secrets a build reads, from its project and buildspec. */
    static void secretsOf(BuildAction build, Set<String> parameters, Set<String> secrets) {
        build.environment().variables().values().forEach(value -> {
            if (value instanceof Secret.ParameterStore p) {
                parameters.add(p.parameterName());
            } else if (value instanceof Secret.SecretsManager s) {
                secrets.add(s.reference());
            }
        });
        build.buildSpec().ifPresent(spec -> {
            parameters.addAll(spec.env().parameterStore().values());
            secrets.addAll(spec.env().secretsManager().values());
        });
    }

    static Set<String> newSet() {
        return new LinkedHashSet<>();
    }

    private static void connections(List<Map<String, Object>> statements, List<String> connections, boolean withToken) {
        Map<String, List<String>> byService = new LinkedHashMap<>();
        connections.forEach(c -> byService.computeIfAbsent(SourceActions.connectionService(c), k -> new ArrayList<>()).add(c));
        byService.forEach((service, arns) -> {
            List<String> actions = withToken ? List.of(service + ":UseConnection", service + ":GetConnectionToken")
                    : List.of(service + ":UseConnection");
            statements.add(statement("Connections" + (byService.size() > 1 ? service.replace("-", "") : ""), actions, arns));
        });
    }

    private static String parameterArn(AwsScope scope, String name) {
        if (name.startsWith("arn:")) {
            return name;
        }
        return scope.arn("ssm", "parameter" + (name.startsWith("/") ? name : "/" + name));
    }

    /** {@code secret-id[:json-key[:version-stage[:version-id]]]}: the secret is the ID (a name, or a full ARN). */
    private static String secretArn(AwsScope scope, String reference) {
        if (reference.startsWith("arn:")) {
            String[] parts = reference.split(":");
            return String.join(":", java.util.Arrays.copyOfRange(parts, 0, Math.min(parts.length, 7)));
        }
        String id = reference.contains(":") ? reference.substring(0, reference.indexOf(':')) : reference;
        return scope.arn("secretsmanager", "secret:" + id + "-??????");
    }

    private static Map<String, Object> statement(String sid, List<String> actions, List<String> resources) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        statement.put("Action", List.copyOf(actions));
        statement.put("Resource", List.copyOf(resources));
        return statement;
    }

    private static Map<String, Object> document(List<Map<String, Object>> statements) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", VERSION);
        document.put("Statement", List.copyOf(statements));
        return document;
    }
}
