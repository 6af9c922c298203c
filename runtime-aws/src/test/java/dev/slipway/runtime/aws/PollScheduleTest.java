package dev.slipway.runtime.aws;

import dev.slipway.core.PhaseType;
import dev.slipway.runtime.aws.internal.PollSchedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Polling starts fast, slows down while nothing changes, is phase-aware and jittered: never a fixed 1 s loop. */
class PollScheduleTest {

    @Test
    void startsFastAndSlowsDownInALongBuildPhase() {
        PollSchedule schedule = new PollSchedule(new Random(1));
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            waits.add(schedule.next(PhaseType.BUILD));
        }
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(2400), Duration.ofMillis(3600));
        assertThat(waits.get(11)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(30));
        assertThat(waits.get(5)).isGreaterThan(waits.get(1));
    }

    @Test
    void isQuickAgainWhenThePhaseChanges_andStaysQuickNearTheEnd() {
        PollSchedule schedule = new PollSchedule(new Random(2));
        for (int i = 0; i < 10; i++) {
            schedule.next(PhaseType.BUILD);
        }
        Duration first = schedule.next(PhaseType.POST_BUILD);
        assertThat(first).isLessThanOrEqualTo(Duration.ofMillis(2400));
        Duration later = Duration.ZERO;
        for (int i = 0; i < 20; i++) {
            later = schedule.next(PhaseType.FINALIZING);
        }
        assertThat(later).isLessThanOrEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void waitsAreJittered() {
        PollSchedule schedule = new PollSchedule(new Random(3));
        var seen = new HashSet<Duration>();
        for (int i = 0; i < 20; i++) {
            Duration first = schedule.next(PhaseType.QUEUED);       // a phase change starts the pace afresh
            assertThat(first).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
            seen.add(first);
            schedule.next(PhaseType.BUILD);
        }
        assertThat(seen).hasSizeGreaterThan(15);
        assertThat(schedule.nextWaiting()).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
    }

    @Test
    void aTenMinuteBuildCostsFarFewerCallsThanASecondLoop() {
        PollSchedule schedule = new PollSchedule(new Random(4));
        long[][] phases = {{0, 6}, {6, 36}, {36, 40}, {40, 45}, {45, 75}, {75, 560}, {560, 580}, {580, 588}, {588, 600}};
        PhaseType[] types = {PhaseType.QUEUED, PhaseType.PROVISIONING, PhaseType.DOWNLOAD_SOURCE, PhaseType.INSTALL, PhaseType.PRE_BUILD,
                PhaseType.BUILD, PhaseType.POST_BUILD, PhaseType.UPLOAD_ARTIFACTS, PhaseType.FINALIZING};
        long now = 0;
        int calls = 0;
        while (now < 600_000) {
            PhaseType current = types[0];
            for (int i = 0; i < phases.length; i++) {
                if (now >= phases[i][0] * 1000) {
                    current = types[i];
                }
            }
            now += schedule.next(current).toMillis();
            calls++;
        }
        assertThat(calls).isLessThanOrEqualTo(60);
        assertThat(now - 600_000).isLessThanOrEqualTo(10_000);
    }
}
