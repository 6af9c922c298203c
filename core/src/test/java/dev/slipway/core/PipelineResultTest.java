package dev.slipway.core;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineResultTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    static PipelineResult sample() {
        SourceResult source = new SourceResult("Source", Status.SUCCEEDED, T0, Duration.ofMillis(120), Optional.empty(),
                "https://example.com/app.git", "branch main", "0123456789abcdef0123456789abcdef01234567",
                List.of(new Artifact("SourceOutput", URI.create("file:///tmp/run/SourceOutput"))));
        List<PhaseResult> phases = List.of(
                PhaseResult.succeeded(PhaseType.SUBMITTED, T0, Duration.ZERO),
                new PhaseResult(PhaseType.BUILD, Status.FAILED, T0.plusSeconds(1), Duration.ofSeconds(3),
                        Optional.of(Failure.command("make test", 2))),
                PhaseResult.succeeded(PhaseType.POST_BUILD, T0.plusSeconds(4), Duration.ofSeconds(1)));
        BuildResult build = new BuildResult("Build", Status.FAILED, T0.plusSeconds(1), Duration.ofSeconds(5),
                Optional.of(Failure.command("make test", 2)), "app:1b2c", 7, "app", phases, Map.of("APP_VERSION", "0123.1b2c"),
                List.of(), List.of(), "/tmp/run/build.log");
        build = build.withAttempts(List.of(build.asAttempt(1)));
        PublishResult publish = new PublishResult("Push", Status.SUCCEEDED, T0, Duration.ofSeconds(2), Optional.empty(),
                "127.0.0.1:5000/app", List.of("latest"), "sha256:abc");
        return new PipelineResult("run1", "app", "local", Status.FAILED, T0, Duration.ofSeconds(9), List.of(
                new StageResult("Source", Status.SUCCEEDED, T0, Duration.ofMillis(120), List.of(source)),
                new StageResult("Build", Status.FAILED, T0, Duration.ofSeconds(5), List.of(build, publish))));
    }

    @Test
    void jsonRoundTripsEveryKindOfResult() {
        PipelineResult result = sample();
        String json = result.toJson();

        assertThat(json).contains("\"kind\" : \"source\"", "\"kind\" : \"build\"", "\"kind\" : \"publish\"", "\"2026-11-23T10:00:00Z\"");
        assertThat(PipelineResult.fromJson(json)).isEqualTo(result);
    }

    @Test
    void brokenJsonGetsAClearError() {
        assertThatThrownBy(() -> PipelineResult.fromJson("{\"runId\": 3"))
                .isInstanceOf(SlipwayException.class)
                .hasMessageStartingWith("not a Slipway result:");
    }

    @Test
    void actionsAreFoundByActionName_orByAStageHoldingOneOfThatKind() {
        PipelineResult result = sample();

        assertThat(result.build("Build").buildNumber()).isEqualTo(7);
        assertThat(result.source("Source").commit()).startsWith("0123");
        assertThat(result.publish("Push").digest()).isEqualTo("sha256:abc");
        assertThat(result.publish("Build").name()).isEqualTo("Push");      // the one publish action of stage Build
        assertThat(result.build("Build").phase(PhaseType.BUILD).failure()).map(Failure::exitCode).contains(Optional.of(2));
    }

    @Test
    void askingForWhatDidNotRunNamesWhatDid() {
        PipelineResult result = sample();

        assertThatThrownBy(() -> result.build("Deploy"))
                .hasMessageContaining("no BuildResult named 'Deploy'")
                .hasMessageContaining("Source (SourceResult)");
        assertThatThrownBy(() -> result.build("Build").phase(PhaseType.INSTALL))
                .hasMessageContaining("phase INSTALL did not run in build 'Build'");
    }

    @Test
    void toStringIsATableWithEveryPhase() {
        String table = sample().toString();

        assertThat(table).startsWith("app FAILED in 9.0s (local run run1)");
        assertThat(table).contains("Build", "BUILD", "FAILED", "Error while executing command: make test. Reason: exit status 2",
                "commit 0123456789ab", "127.0.0.1:5000/app:latest sha256:abc");
    }
}
