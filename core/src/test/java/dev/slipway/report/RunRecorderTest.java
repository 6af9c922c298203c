package dev.slipway.report;

import dev.slipway.core.PhaseType;
import dev.slipway.core.RunEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.slipway.report.Fixtures.T0;
import static dev.slipway.report.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunRecorderTest {

    @Test
    void keepsEachActionsLinesInOrder_withTheirPhase() {
        RunRecorder recorder = RunRecorder.create();
        recorder.onEvent(line("r1", PhaseType.PRE_BUILD, "one"));
        recorder.onEvent(new RunEvent.LogLine("r1", T0, "Source", "Source", null, "cloning"));
        recorder.onEvent(line("r1", PhaseType.BUILD, "two"));

        ActionLog build = recorder.log("r1", "Build", "Build").orElseThrow();

        assertThat(build.lines()).extracting(ActionLog.Line::text).containsExactly("one", "two");
        assertThat(build.lines()).extracting(ActionLog.Line::number).containsExactly(1L, 2L);
        assertThat(build.lines().get(1).phase()).contains(PhaseType.BUILD);
        assertThat(build.truncated()).isFalse();
        assertThat(recorder.log("r1", "Source", "Source").orElseThrow().lines().get(0).phase()).isEmpty();
        assertThat(recorder.logs("r1")).extracting(ActionLog::action).containsExactly("Build", "Source");
        assertThat(recorder.log("r1", "Publish", "Publish")).isEmpty();
    }

    @Test
    void keepsTheLastLinesWithinTheLineBound_andCountsTheRest() {
        RunRecorder recorder = RunRecorder.create(3, RunRecorder.DEFAULT_MAX_BYTES);
        for (int i = 1; i <= 8; i++) {
            recorder.onEvent(line("r1", PhaseType.BUILD, "line " + i));
        }

        ActionLog log = recorder.log("r1", "Build", "Build").orElseThrow();

        assertThat(log.lines()).extracting(ActionLog.Line::text).containsExactly("line 6", "line 7", "line 8");
        assertThat(log.lines()).extracting(ActionLog.Line::number).containsExactly(6L, 7L, 8L);
        assertThat(log.droppedLines()).isEqualTo(5);
        assertThat(log.truncated()).isTrue();
    }

    @Test
    void keepsTheLastLinesWithinTheByteBound_countingUtf8() {
        RunRecorder recorder = RunRecorder.create(1_000, 10);
        recorder.onEvent(line("r1", PhaseType.BUILD, "aaaa"));      // 4 bytes
        recorder.onEvent(line("r1", PhaseType.BUILD, "ééé"));       // 6 bytes: 10 in all
        recorder.onEvent(line("r1", PhaseType.BUILD, "b"));         // 11 > 10: "aaaa" goes

        ActionLog log = recorder.log("r1", "Build", "Build").orElseThrow();

        assertThat(log.lines()).extracting(ActionLog.Line::text).containsExactly("ééé", "b");
        assertThat(log.droppedLines()).isEqualTo(1);
    }

    @Test
    void aLineLongerThanTheByteBoundIsCountedAsDropped_withoutEvictingOthers() {
        RunRecorder recorder = RunRecorder.create(1_000, 10);
        recorder.onEvent(line("r1", PhaseType.BUILD, "short"));
        recorder.onEvent(line("r1", PhaseType.BUILD, "x".repeat(50)));

        ActionLog log = recorder.log("r1", "Build", "Build").orElseThrow();

        assertThat(log.lines()).extracting(ActionLog.Line::text).containsExactly("short");
        assertThat(log.droppedLines()).isEqualTo(1);
    }

    @Test
    void veryLongLinesAreCut() {
        RunRecorder recorder = RunRecorder.create();
        recorder.onEvent(line("r1", PhaseType.BUILD, "y".repeat(RunRecorder.MAX_LINE_CHARS + 100)));

        String text = recorder.log("r1", "Build", "Build").orElseThrow().lines().get(0).text();

        assertThat(text).startsWith("yyyy").endsWith(" … [100 more characters cut]");
    }

    @Test
    void linesKnowTheirAttempt_andRetriesAreKept() {
        RunRecorder recorder = RunRecorder.create();
        recorder.onEvent(new RunEvent.ActionStarted("r1", T0, "Build", "Build", 1));
        recorder.onEvent(line("r1", PhaseType.BUILD, "first try"));
        RunEvent.Retrying retry = new RunEvent.Retrying("r1", T0, "Build", "Build", "build", 2, Duration.ofSeconds(1), "exit status 2");
        recorder.onEvent(retry);
        recorder.onEvent(new RunEvent.ActionStarted("r1", T0, "Build", "Build", 2));
        recorder.onEvent(line("r1", PhaseType.BUILD, "second try"));

        ActionLog log = recorder.log("r1", "Build", "Build").orElseThrow();

        assertThat(log.lines()).extracting(ActionLog.Line::attempt).containsExactly(1, 2);
        assertThat(log.retries()).containsExactly(retry);
    }

    @Test
    void runsAreKeptApart() {
        RunRecorder recorder = RunRecorder.create();
        recorder.onEvent(line("r1", PhaseType.BUILD, "of run 1"));
        recorder.onEvent(line("r2", PhaseType.BUILD, "of run 2"));

        assertThat(recorder.logs("r2")).singleElement().satisfies(log ->
                assertThat(log.lines()).extracting(ActionLog.Line::text).containsExactly("of run 2"));
        assertThat(recorder.logs()).hasSize(2);
    }

    @Test
    void parallelActionsMayLogAtOnce() throws Exception {
        RunRecorder recorder = RunRecorder.create(500, RunRecorder.DEFAULT_MAX_BYTES);
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String action = t % 2 == 0 ? "Unit" : "Integration";
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        recorder.onEvent(new RunEvent.LogLine("r1", T0, "Test", action, PhaseType.BUILD, "line " + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (String action : List.of("Unit", "Integration")) {
            ActionLog log = recorder.log("r1", "Test", action).orElseThrow();
            assertThat(log.lines()).hasSize(500);
            assertThat(log.droppedLines() + log.lines().size()).isEqualTo(threads / 2 * perThread);
            assertThat(log.lines()).extracting(ActionLog.Line::number).isSorted().doesNotHaveDuplicates();
            assertThat(log.lines().get(499).number()).isEqualTo(threads / 2 * perThread);
        }
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> RunRecorder.create(0, 10)).hasMessageContaining("maxLinesPerAction must be at least 1");
        assertThatThrownBy(() -> RunRecorder.create(10, 0)).hasMessageContaining("maxBytesPerAction must be at least 1");
    }
}
