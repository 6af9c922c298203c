package dev.slipway.runtime.local.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BuildNumbersTest {
    @TempDir
    Path directory;

    @Test
    void numbersStartAtOneAndCountPerProjectAcrossInstances() {
        assertThat(new BuildNumbers(directory).next("app")).isEqualTo(1);
        assertThat(new BuildNumbers(directory).next("app")).isEqualTo(2);
        assertThat(new BuildNumbers(directory).next("other")).isEqualTo(1);
    }

    @Test
    void parallelBuildsNeverShareANumber() throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> futures = IntStream.range(0, 200)
                    .mapToObj(i -> pool.submit(() -> seen.add(new BuildNumbers(directory).next("parallel")))).toList();
            for (Future<Boolean> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(seen).hasSize(200).contains(1L, 200L);
    }
}
