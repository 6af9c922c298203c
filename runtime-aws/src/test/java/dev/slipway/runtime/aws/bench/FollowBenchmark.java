package dev.slipway.runtime.aws.bench;

import dev.slipway.core.BuildResult;
import dev.slipway.core.Pipeline;
import dev.slipway.core.RunEvent;
import dev.slipway.runtime.aws.AwsRuntime;
import dev.slipway.runtime.aws.BuildOptions;
import dev.slipway.runtime.aws.support.AwsStub;
import dev.slipway.runtime.aws.support.BuildTimeline;
import dev.slipway.runtime.aws.support.DeployStubs;
import dev.slipway.runtime.aws.support.FakeClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.runtime.aws.support.AwsStub.Answer.ok;

/**
 * Replays a 10-minute CodeBuild build against WireMock on a compressed clock (Slipway's waits move the clock, so
 * it takes a second of real time) and prints what following it cost: BatchGetBuilds calls, GetLogEvents calls when
 * a listener wants the log, and how long after the build finished Slipway reported it, in the build's own (not
 * compressed) seconds. A fixed 1-second loop is the baseline. Run by scripts/bench-aws.
 */
public final class FollowBenchmark {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final int RUNS = 20;

    private record Figures(int statusCalls, int logCalls, int logLines, Duration delay) {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : RUNS;
        List<Figures> quiet = new ArrayList<>();
        List<Figures> listening = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            quiet.add(follow(false));
            listening.add(follow(true));
        }
        BuildTimeline timeline = timeline(T0);
        long seconds = Duration.between(timeline.start(), timeline.completedAt()).toSeconds();
        System.out.printf(Locale.ROOT, "Following a %d-second build (PROVISIONING 30 s, BUILD %d s, POST_BUILD…FINALIZING 40 s), %d runs each:%n%n",
                seconds, 485, runs);
        System.out.printf(Locale.ROOT, "  %-44s %8s %8s %8s   %s%n", "", "min", "median", "max", "1-second loop");
        row("status calls (BatchGetBuilds), no listener", quiet.stream().map(f -> (double) f.statusCalls()).toList(), seconds);
        row("status calls (BatchGetBuilds), listener", listening.stream().map(f -> (double) f.statusCalls()).toList(), seconds);
        row("log calls (GetLogEvents), listener", listening.stream().map(f -> (double) f.logCalls()).toList(), seconds);
        row("delay build end → result, s (no listener)", quiet.stream().map(f -> f.delay().toMillis() / 1000.0).toList(), 1);
        row("delay build end → result, s (listener)", listening.stream().map(f -> f.delay().toMillis() / 1000.0).toList(), 1);
        System.out.printf(Locale.ROOT, "%n  log lines delivered per run: %d of %d%n", listening.get(0).logLines(), timelineLines());
        System.out.println("  (the 1-second loop column is what polling once a second would cost: one call per second of the build,"
                + " and up to 1 s of delay)");
    }

    private static void row(String label, List<Double> values, long baseline) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-44s %8.1f %8.1f %8.1f   %d%n", label, sorted.get(0), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1), baseline);
    }

    private static int timelineLines() {
        return 2 + 485 / 2 + 3;
    }

    /** The 10-minute build: 30 s provisioning, an 8-minute BUILD phase, 40 s of post-build, upload and finalizing. */
    static BuildTimeline timeline(Instant start) {
        BuildTimeline build = new BuildTimeline("bench", "5c0ffee0-0000-4000-8000-000000000600", start)
                .phase("SUBMITTED", 0, 1).phase("QUEUED", 1, 6).phase("PROVISIONING", 6, 36).phase("DOWNLOAD_SOURCE", 36, 40)
                .phase("INSTALL", 40, 45).phase("PRE_BUILD", 45, 75).phase("BUILD", 75, 560).phase("POST_BUILD", 560, 580)
                .phase("UPLOAD_ARTIFACTS", 580, 588).phase("FINALIZING", 588, 600)
                .log(37, "[Container] Entering phase DOWNLOAD_SOURCE").log(76, "[Container] Running command make test");
        for (int s = 77; s < 560; s += 2) {
            build.log(s, "test " + s + " ok");
        }
        return build.log(561, "[Container] Running command make clean").log(581, "[Container] Entering phase UPLOAD_ARTIFACTS")
                .log(599, "[Container] Phase complete: FINALIZING State: SUCCEEDED");
    }

    private static Figures follow(boolean listener) {
        FakeClock clock = new FakeClock(T0);
        try (AwsStub aws = new AwsStub()) {
            DeployStubs.emptyAccount(aws);
            BuildTimeline[] build = new BuildTimeline[1];
            aws.on(DeployStubs.START_BUILD, body -> {
                build[0] = timeline(clock.instant());
                return ok("{\"build\":" + build[0].buildJson(clock.instant()) + "}");
            }).on(AwsStub.BATCH_GET_BUILDS, body -> ok(build[0].batchGetBuilds(clock.instant())))
                    .on(AwsStub.GET_LOG_EVENTS, body -> ok(build[0].logEvents(body, clock.instant())));
            Pipeline pipeline = pipeline("bench").stage("Build", codeBuild("bench").image("aws/codebuild/standard:7.0")
                    .build("make test")).build();
            AtomicInteger lines = new AtomicInteger();
            BuildOptions.Builder options = BuildOptions.builder();
            if (listener) {
                options.listener(event -> {
                    if (event instanceof RunEvent.LogLine) {
                        lines.incrementAndGet();
                    }
                });
            }
            try (AwsRuntime runtime = AwsRuntime.builder().region("us-east-1").credentials("bench", "bench")
                    .endpointOverride(aws.endpoint()).clock(clock).sleeper(clock).build()) {
                BuildResult result = runtime.runBuild(pipeline, "Build", options.build());
                if (!result.status().isSuccessful()) {
                    throw new IllegalStateException("the replayed build did not succeed: " + result);
                }
            }
            Duration delay = Duration.between(build[0].completedAt(), clock.instant());
            return new Figures(aws.count(AwsStub.BATCH_GET_BUILDS), aws.count(AwsStub.GET_LOG_EVENTS), lines.get(), delay);
        }
    }
}
