package dev.slipway.report;

import dev.slipway.core.Artifact;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildEnvironment;
import dev.slipway.core.BuildResult;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.ComputeType;
import dev.slipway.core.EnvValue;
import dev.slipway.core.Failure;
import dev.slipway.core.GitRef;
import dev.slipway.core.ImageSource;
import dev.slipway.core.PhaseResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PublishAction;
import dev.slipway.core.PublishResult;
import dev.slipway.core.Registry;
import dev.slipway.core.RetryPolicy;
import dev.slipway.core.RunEvent;
import dev.slipway.core.Secret;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceLocation;
import dev.slipway.core.SourceResult;
import dev.slipway.core.Stage;
import dev.slipway.core.StageResult;
import dev.slipway.core.Status;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pipelines and results made of core records (core tests cannot use the DSL). */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final String SECRET = "s3cr3t-Registry-Token";
    static final String COMMIT = "4f1c9a2e7b3d5c8e9a0b1c2d3e4f5a6b7c8d9e0f";

    private Fixtures() {
    }

    /** Source → Build → Publish; the build holds a secret variable. */
    static Pipeline todobackend() {
        return todobackend("make test");
    }

    static Pipeline todobackend(String testCommand) {
        SourceAction source = new SourceAction("Source", 1,
                new SourceLocation.GitRepository("https://github.com/docker-in-aws/todobackend.git", Optional.empty()),
                GitRef.branch("master"), Optional.empty(), "SourceOutput");
        Map<String, EnvValue> variables = new LinkedHashMap<>();
        variables.put("MAKEFLAGS", EnvValue.plain("-s"));
        variables.put("REGISTRY_TOKEN", new Secret.Value(SECRET));
        variables.put("DB_PASSWORD", new Secret.ParameterStore("/todobackend/db/password"));
        BuildSpec spec = BuildSpec.builder()
                .phase(PhaseType.PRE_BUILD, BuildSpec.Phase.of("make login"))
                .phase(PhaseType.BUILD, BuildSpec.Phase.of(testCommand, "make release"))
                .phase(PhaseType.POST_BUILD, BuildSpec.Phase.of("make clean"))
                .build();
        BuildAction build = new BuildAction("Build", 1, "todobackend",
                new BuildEnvironment("docker-in-aws/codebuild", ComputeType.SMALL, true, false, variables, Duration.ofMinutes(30),
                        RetryPolicy.none()),
                Optional.of(spec), BuildAction.DEFAULT_BUILDSPEC_PATH, List.of("SourceOutput"), List.of("BuildOutput"));
        PublishAction publish = new PublishAction("Publish", 1, "todobackend", List.of("latest"),
                new ImageSource.LocalImage("todobackend:latest"), new Registry.Docker("127.0.0.1:5000", Optional.empty()),
                List.of("BuildOutput"));
        return new Pipeline("todobackend", List.of(
                new Stage("Source", List.of(source)),
                new Stage("Build", List.of(build)),
                new Stage("Publish", List.of(publish))));
    }

    static SourceResult sourceResult() {
        return new SourceResult("Source", Status.SUCCEEDED, T0, Duration.ofMillis(500), Optional.empty(),
                "https://github.com/docker-in-aws/todobackend.git", "branch master", COMMIT,
                List.of(new Artifact("SourceOutput", URI.create("file:///tmp/run/SourceOutput"))));
    }

    /** A build of 10s from T0+1s: PRE_BUILD 1s, BUILD fails after 3s, POST_BUILD 1s. */
    static BuildResult failedBuild(Failure failure) {
        List<PhaseResult> phases = List.of(
                PhaseResult.succeeded(PhaseType.SUBMITTED, T0.plusSeconds(1), Duration.ZERO),
                PhaseResult.succeeded(PhaseType.PRE_BUILD, T0.plusSeconds(2), Duration.ofSeconds(1)),
                new PhaseResult(PhaseType.BUILD, Status.FAILED, T0.plusSeconds(3), Duration.ofSeconds(3), Optional.of(failure)),
                PhaseResult.succeeded(PhaseType.POST_BUILD, T0.plusSeconds(6), Duration.ofSeconds(1)),
                PhaseResult.succeeded(PhaseType.FINALIZING, T0.plusSeconds(7), Duration.ofMillis(200)));
        BuildResult build = new BuildResult("Build", Status.FAILED, T0.plusSeconds(1), Duration.ofSeconds(7), Optional.of(failure),
                "todobackend:1b2c", 7, "todobackend", phases, Map.of(), List.of(), List.of(), "/var/log/slipway/todobackend-7.log");
        return build.withAttempts(List.of(build.asAttempt(1)));
    }

    /** Source succeeded, Build failed at BUILD ({@code make test}, exit 2), Publish did not run; 10s in all. */
    static PipelineResult failedRun() {
        return failedRun(Failure.command("make test", 2));
    }

    static PipelineResult failedRun(Failure failure) {
        BuildResult build = failedBuild(failure);
        return new PipelineResult("run-42", "todobackend", "local", Status.FAILED, T0, Duration.ofSeconds(10), List.of(
                new StageResult("Source", Status.SUCCEEDED, T0, Duration.ofMillis(500), List.of(sourceResult())),
                new StageResult("Build", Status.FAILED, T0.plusSeconds(1), Duration.ofSeconds(7), List.of(build))));
    }

    static PipelineResult succeededRun() {
        List<PhaseResult> phases = List.of(
                PhaseResult.succeeded(PhaseType.PRE_BUILD, T0.plusSeconds(1), Duration.ZERO),
                PhaseResult.succeeded(PhaseType.BUILD, T0.plusSeconds(1), Duration.ofSeconds(2)),
                PhaseResult.succeeded(PhaseType.POST_BUILD, T0.plusSeconds(3), Duration.ofSeconds(1)));
        BuildResult build = new BuildResult("Build", Status.SUCCEEDED, T0.plusSeconds(1), Duration.ofSeconds(3), Optional.empty(),
                "todobackend:9f9f", 8, "todobackend", phases, Map.of("APP_VERSION", "4f1c9a2.9f9f"), List.of(), List.of(), "");
        build = build.withAttempts(List.of(build.asAttempt(1)));
        PublishResult publish = new PublishResult("Publish", Status.SUCCEEDED, T0.plusSeconds(4), Duration.ofSeconds(1), Optional.empty(),
                "127.0.0.1:5000/todobackend", List.of("latest"), "sha256:" + "ab".repeat(32));
        return new PipelineResult("run-43", "todobackend", "local", Status.SUCCEEDED, T0, Duration.ofSeconds(5), List.of(
                new StageResult("Source", Status.SUCCEEDED, T0, Duration.ofMillis(500), List.of(sourceResult())),
                new StageResult("Build", Status.SUCCEEDED, T0.plusSeconds(1), Duration.ofSeconds(3), List.of(build)),
                new StageResult("Publish", Status.SUCCEEDED, T0.plusSeconds(4), Duration.ofSeconds(1), List.of(publish))));
    }

    static RunEvent.LogLine line(String runId, PhaseType phase, String text) {
        return new RunEvent.LogLine(runId, T0, "Build", "Build", phase, text);
    }
}
