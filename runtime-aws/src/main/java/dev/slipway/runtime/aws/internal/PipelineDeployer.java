package dev.slipway.runtime.aws.internal;

import dev.slipway.runtime.aws.AwsRuntimeException;
import dev.slipway.runtime.aws.Plan;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStore;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStoreType;
import software.amazon.awssdk.services.codepipeline.model.ExecutionMode;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineType;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The CodePipeline (type V2, execution mode SUPERSEDED, CodePipeline's default, stated so a read-back compares
 * equal). Read with GetPipeline and compared setting by setting after filling in CodePipeline's defaults;
 * created or updated with the whole declaration.
 */
final class PipelineDeployer {
    private final CodePipelineClient codePipeline;
    private final AwsCalls calls;
    private final AwsCalls callsWhileRolePropagates;

    PipelineDeployer(CodePipelineClient codePipeline, AwsCalls calls) {
        this.codePipeline = codePipeline;
        this.calls = calls;
        this.callsWhileRolePropagates = calls.alsoRetrying(e -> String.valueOf(e.getMessage()).contains("AssumeRole"));
    }

    Drift plan(ResourceModel.PipelineDeclaration pipeline, ResourceModel model) {
        PipelineDeclaration deployed;
        try {
            deployed = calls.call("codepipeline:GetPipeline", () -> codePipeline.getPipeline(b -> b.name(pipeline.name()))).pipeline();
        } catch (AwsRuntimeException e) {
            if (e.errorCode().filter("PipelineNotFoundException"::equals).isPresent()) {
                return Drift.missing(Plan.ResourceType.CODEPIPELINE, pipeline.name());
            }
            throw e;
        }
        Drift drift = Drift.existing(Plan.ResourceType.CODEPIPELINE, pipeline.name());
        Map<String, String> have = settings(deployed);
        Map<String, String> want = settings(declaration(pipeline, model));
        Set<String> keys = new LinkedHashSet<>(want.keySet());
        keys.addAll(have.keySet());
        for (String key : keys) {
            drift.compare("declaration", key, have.get(key), want.get(key));
        }
        return drift;
    }

    void apply(ResourceModel.PipelineDeclaration pipeline, Drift drift, ResourceModel model) {
        if (!drift.hasChanges()) {
            return;
        }
        PipelineDeclaration declaration = declaration(pipeline, model);
        if (drift.isMissing()) {
            callsWhileRolePropagates.call("codepipeline:CreatePipeline", () -> codePipeline.createPipeline(b -> b.pipeline(declaration)));
        } else {
            callsWhileRolePropagates.call("codepipeline:UpdatePipeline", () -> codePipeline.updatePipeline(b -> b.pipeline(declaration)));
        }
    }

    static PipelineDeclaration declaration(ResourceModel.PipelineDeclaration pipeline, ResourceModel model) {
        return PipelineDeclaration.builder()
                .name(pipeline.name())
                .roleArn(model.scope().roleArn(pipeline.roleName()))
                .artifactStore(ArtifactStore.builder().type(ArtifactStoreType.S3).location(pipeline.bucketName()).build())
                .pipelineType(PipelineType.V2)
                .executionMode(ExecutionMode.SUPERSEDED)
                .stages(pipeline.stages().stream().map(stage -> StageDeclaration.builder()
                        .name(stage.name())
                        .actions(stage.actions().stream().map(PipelineDeployer::action).toList())
                        .build()).toList())
                .build();
    }

    private static ActionDeclaration action(ResourceModel.Action action) {
        ActionDeclaration.Builder b = ActionDeclaration.builder()
                .name(action.name())
                .actionTypeId(ActionTypeId.builder().category(action.category()).owner(action.owner())
                        .provider(action.provider()).version(action.version()).build())
                .runOrder(action.runOrder())
                .configuration(action.configuration())
                .inputArtifacts(action.inputArtifacts().stream().map(n -> InputArtifact.builder().name(n).build()).toList())
                .outputArtifacts(action.outputArtifacts().stream().map(n -> OutputArtifact.builder().name(n).build()).toList());
        action.namespace().ifPresent(b::namespace);
        return b.build();
    }

    /** A declaration as flat settings, CodePipeline's defaults filled in, so that equal pipelines compare equal. */
    static Map<String, String> settings(PipelineDeclaration d) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("roleArn", d.roleArn());
        s.put("artifactStore", d.artifactStore() == null ? null : d.artifactStore().typeAsString() + " " + d.artifactStore().location());
        s.put("pipelineType", d.pipelineType() == null ? "V1" : d.pipelineTypeAsString());
        s.put("executionMode", d.executionMode() == null ? "SUPERSEDED" : d.executionModeAsString());
        s.put("stages", d.stages().stream().map(StageDeclaration::name).toList().toString());
        for (StageDeclaration stage : d.stages()) {
            String stagePath = "stage '" + stage.name() + "'";
            s.put(stagePath + " › actions", stage.actions().stream().map(ActionDeclaration::name).toList().toString());
            for (ActionDeclaration a : stage.actions()) {
                String path = stagePath + " › action '" + a.name() + "'";
                ActionTypeId t = a.actionTypeId();
                s.put(path + " › actionTypeId", t == null ? null
                        : t.categoryAsString() + "/" + t.ownerAsString() + "/" + t.provider() + "/" + t.version());
                s.put(path + " › runOrder", String.valueOf(a.runOrder() == null ? 1 : a.runOrder()));
                new TreeMap<>(a.configuration()).forEach((k, v) -> s.put(path + " › configuration." + k,
                        k.equals("EnvironmentVariables") ? Drift.parse(v).toString() : v));
                s.put(path + " › inputArtifacts", a.inputArtifacts().stream().map(InputArtifact::name).toList().toString());
                s.put(path + " › outputArtifacts", a.outputArtifacts().stream().map(OutputArtifact::name).toList().toString());
                s.put(path + " › namespace", Objects.toString(a.namespace(), ""));
            }
        }
        return s;
    }
}
