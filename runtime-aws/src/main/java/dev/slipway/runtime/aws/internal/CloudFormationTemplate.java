package dev.slipway.runtime.aws.internal;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.RepresentToNode;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@link ResourceModel} as a CloudFormation template (YAML), for teams that deploy with
 * {@code aws cloudformation deploy --capabilities CAPABILITY_NAMED_IAM}, as the book does. The same resources
 * and settings as {@code deploy}: references between them become {@code Ref} and {@code Fn::GetAtt}, and names
 * and ARNs that hold the account or region use the pseudo parameters through {@code Fn::Sub}.
 */
public final class CloudFormationTemplate {
    private CloudFormationTemplate() {
    }

    public static String render(ResourceModel model) {
        Map<String, Object> resources = new LinkedHashMap<>();
        Map<String, String> projectIds = new LinkedHashMap<>();
        model.projects().forEach(p -> projectIds.put(p.name(), p.logicalId()));
        Map<String, String> roleIds = new LinkedHashMap<>();
        model.roles().forEach(r -> roleIds.put(r.name(), r.logicalId()));

        model.bucket().ifPresent(bucket -> resources.put(bucket.logicalId(), resource("AWS::S3::Bucket", map(
                "BucketName", bucket.name(),
                "VersioningConfiguration", map("Status", "Enabled"),
                "PublicAccessBlockConfiguration", map("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", map("ServerSideEncryptionConfiguration",
                        List.of(map("ServerSideEncryptionByDefault", map("SSEAlgorithm", "AES256"))))))));
        for (ResourceModel.Role role : model.roles()) {
            resources.put(role.logicalId(), resource("AWS::IAM::Role", map(
                    "RoleName", role.name(),
                    "AssumeRolePolicyDocument", role.trustPolicy(),
                    "Policies", List.of(map("PolicyName", role.policyName(), "PolicyDocument", role.policy())))));
        }
        for (ResourceModel.Repository repository : model.repositories()) {
            Map<String, Object> properties = map("RepositoryName", repository.name(),
                    "ImageScanningConfiguration", map("ScanOnPush", true));
            repository.policy().ifPresent(policy -> properties.put("RepositoryPolicyText", policy));
            resources.put(repository.logicalId(), resource("AWS::ECR::Repository", properties));
        }
        for (ResourceModel.Project project : model.projects()) {
            List<Object> variables = new ArrayList<>();
            project.variables().forEach(v -> variables.add(map("Name", v.name(), "Value", v.value(), "Type", v.type())));
            Map<String, Object> environment = map("Type", "LINUX_CONTAINER", "Image", project.image(),
                    "ComputeType", project.computeType(), "PrivilegedMode", project.privileged());
            if (!variables.isEmpty()) {
                environment.put("EnvironmentVariables", variables);
            }
            resources.put(project.logicalId(), resource("AWS::CodeBuild::Project", map(
                    "Name", project.name(),
                    "Description", project.description(),
                    "ServiceRole", getAtt(roleIds.get(project.roleName()), "Arn"),
                    "Source", map("Type", project.sourceType(), "BuildSpec", project.buildspec()),
                    "Artifacts", map("Type", project.artifactsType()),
                    "Environment", environment,
                    "TimeoutInMinutes", project.timeoutInMinutes())));
        }
        model.pipeline().ifPresent(pipeline -> {
            List<Object> stages = new ArrayList<>();
            for (ResourceModel.Stage stage : pipeline.stages()) {
                List<Object> actions = new ArrayList<>();
                for (ResourceModel.Action action : stage.actions()) {
                    Map<String, Object> configuration = new LinkedHashMap<>(action.configuration());
                    action.project().filter(projectIds::containsKey)
                            .ifPresent(project -> configuration.put("ProjectName", map("Ref", projectIds.get(project))));
                    Map<String, Object> a = map(
                            "Name", action.name(),
                            "ActionTypeId", map("Category", action.category(), "Owner", action.owner(),
                                    "Provider", action.provider(), "Version", action.version()),
                            "RunOrder", action.runOrder(),
                            "Configuration", configuration);
                    if (!action.inputArtifacts().isEmpty()) {
                        a.put("InputArtifacts", action.inputArtifacts().stream().map(n -> (Object) map("Name", n)).toList());
                    }
                    if (!action.outputArtifacts().isEmpty()) {
                        a.put("OutputArtifacts", action.outputArtifacts().stream().map(n -> (Object) map("Name", n)).toList());
                    }
                    action.namespace().ifPresent(ns -> a.put("Namespace", ns));
                    actions.add(a);
                }
                stages.add(map("Name", stage.name(), "Actions", actions));
            }
            Object store = model.bucket().map(b -> (Object) map("Ref", b.logicalId())).orElse(pipeline.bucketName());
            resources.put(pipeline.logicalId(), resource("AWS::CodePipeline::Pipeline", map(
                    "Name", pipeline.name(),
                    "RoleArn", getAtt(roleIds.get(pipeline.roleName()), "Arn"),
                    "PipelineType", "V2",
                    "ExecutionMode", "SUPERSEDED",
                    "ArtifactStore", map("Type", "S3", "Location", store),
                    "Stages", stages)));
        });

        Map<String, Object> outputs = new LinkedHashMap<>();
        model.pipeline().ifPresent(p -> outputs.put("PipelineName", map("Value", map("Ref", p.logicalId()))));
        model.bucket().ifPresent(b -> outputs.put("ArtifactBucket", map("Value", map("Ref", b.logicalId()))));
        Map<String, Object> template = map(
                "AWSTemplateFormatVersion", "2010-09-09",
                "Description", "Slipway pipeline " + model.pipelineName() + ": artifact bucket, service roles, ECR repositories, "
                        + "CodeBuild projects and the CodePipeline",
                "Resources", resources);
        if (!outputs.isEmpty()) {
            template.put("Outputs", outputs);
        }
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2).setWidth(120)
                .setSplitLines(false).build();
        return new Dump(settings, new Yaml11SafeRepresenter(settings)).dumpToString(substitute(template));
    }

    /**
     * CloudFormation reads YAML 1.1, where {@code 2012-10-17} is a date and {@code on} a boolean; snakeyaml-engine
     * writes YAML 1.2. Strings that YAML 1.1 would read as something else are quoted.
     */
    private static final class Yaml11SafeRepresenter extends StandardRepresenter {
        private static final Pattern YAML_11_SPECIAL = Pattern.compile(
                "[-+]?[0-9][0-9_:.eExXa-fA-F+-]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)|~|null|Null|NULL"
                        + "|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");

        Yaml11SafeRepresenter(DumpSettings settings) {
            super(settings);
            RepresentToNode strings = representers.get(String.class);
            representers.put(String.class, data -> YAML_11_SPECIAL.matcher((String) data).matches()
                    ? representScalar(Tag.STR, (String) data, ScalarStyle.SINGLE_QUOTED) : strings.representData(data));
        }
    }

    /** Strings that hold a pseudo parameter become {@code Fn::Sub}; other {@code ${…}} in them are escaped as {@code ${!…}}. */
    static Object substitute(Object value) {
        if (value instanceof String s && s.contains(AwsScope.PLACEHOLDER_START)) {
            return map("Fn::Sub", s.replaceAll("\\$\\{(?!AWS::)", "\\${!"));
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, substitute(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(CloudFormationTemplate::substitute).toList();
        }
        return value;
    }

    private static Map<String, Object> resource(String type, Map<String, Object> properties) {
        return map("Type", type, "Properties", properties);
    }

    private static Map<String, Object> getAtt(String logicalId, String attribute) {
        return map("Fn::GetAtt", List.of(Optional.ofNullable(logicalId).orElseThrow(), attribute));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
