package dev.slipway.runtime.local;

import dev.slipway.core.BuildResult;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.RunEvent;
import dev.slipway.core.RunListener;
import dev.slipway.core.Status;
import org.eclipse.jgit.api.Git;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.pipeline;

/**
 * The LocalRuntime benchmark run by {@code scripts/bench-local} (not a test): {@code build} times a trivial
 * 3-phase × 5-command build against the same commands in a plain {@code docker run --rm}; {@code source}
 * times the source stage of an unchanged cached git repository; {@code heap} measures the heap while a build
 * prints 200 MB (run it with a small -Xmx).
 */
public final class LocalBenchmark {
    private static final List<List<String>> PHASES = List.of(
            List.of("echo install", "export A=1", "cd /tmp", "true", "echo $A"),
            List.of("echo pre_build", "export B=2", "cd /", "true", "echo $B"),
            List.of("echo build", "export C=3", "pwd", "true", "echo $A$B$C"));

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "build";
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path tmp = Files.createTempDirectory("slipway-bench");
        try {
            switch (mode) {
                case "build" -> build(tmp, reps);
                case "source" -> source(tmp, reps);
                case "heap" -> heap(tmp, args.length > 1 ? Long.parseLong(args[1]) : 200_000_000L);
                default -> throw new IllegalArgumentException("mode: build | source | heap");
            }
        } finally {
            dev.slipway.runtime.local.internal.DirectoryCleaner.deleteQuietly(tmp);
        }
        System.exit(0);
    }

    private static LocalRuntime runtime(Path tmp) {
        return LocalRuntime.builder().dockerHost(DockerTestSupport.ENV.dockerHost())
                .cacheDirectory(tmp.resolve("cache")).workspace(tmp.resolve("runs")).build();
    }

    // --- 1. a trivial build against docker run --rm ----------------------------------------------------

    private static void build(Path tmp, int reps) throws Exception {
        String image = DockerTestSupport.ENV.busyboxImage();
        Pipeline p = pipeline("bench").stage("Build", codeBuild("bench").image(image)
                .install(PHASES.get(0).toArray(String[]::new))
                .preBuild(PHASES.get(1).toArray(String[]::new))
                .build(PHASES.get(2).toArray(String[]::new))).build();
        String script = String.join("\n", PHASES.stream().flatMap(List::stream).toList());
        List<String> cli = List.of("docker", "-H", DockerTestSupport.ENV.dockerHost(), "run", "--rm", image, "sh", "-c", script);
        List<Double> local = new ArrayList<>();
        List<Double> localWithTeardown = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        try (LocalRuntime runtime = runtime(tmp)) {
            int warmup = 3;
            for (int i = 0; i < warmup + reps; i++) {
                long t0 = System.nanoTime();
                PipelineResult result = runtime.run(p);
                long t1 = System.nanoTime();
                if (result.status() != Status.SUCCEEDED) {
                    throw new IllegalStateException("the benchmark build failed:\n" + result);
                }
                while (!DockerTestSupport.containersOfRun(result.runId()).isEmpty()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                }
                long t2 = System.nanoTime();
                long t3 = System.nanoTime();
                Process process = new ProcessBuilder(cli).redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0 || !out.contains("123")) {
                    throw new IllegalStateException("docker run failed: " + out);
                }
                long t4 = System.nanoTime();
                if (i >= warmup) {
                    local.add((t1 - t0) / 1e6);
                    localWithTeardown.add((t2 - t0) / 1e6);
                    plain.add((t4 - t3) / 1e6);
                }
            }
        }
        double l = median(local);
        double lt = median(localWithTeardown);
        double d = median(plain);
        System.out.printf("== 1. trivial build: 3 phases x 5 commands in %s, %d repetitions after 3 warm-ups ==%n", image, reps);
        System.out.printf("  LocalRuntime.run(), result returned       median %7.1f ms  (min %.1f, max %.1f)%n", l, min(local), max(local));
        System.out.printf("  LocalRuntime.run(), container removed too median %7.1f ms  (min %.1f, max %.1f)%n", lt,
                min(localWithTeardown), max(localWithTeardown));
        System.out.printf("  docker run --rm %s sh -c '<15 commands>' median %7.1f ms  (min %.1f, max %.1f)%n", image, d, min(plain), max(plain));
        System.out.printf("  ratio LocalRuntime / docker run: %.2fx (result returned), %.2fx (container removed too)%n", l / d, lt / d);
    }

    // --- 2. the source stage of an unchanged cached repository ---------------------------------------------

    private static void source(Path tmp, int reps) throws Exception {
        Path repoDir = tmp.resolve("repo");
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            files.put("src/dir" + (i % 10) + "/File" + i + ".java", "class File" + i + " {}\n".repeat(20));
        }
        files.put("Makefile", "test:\n\ttrue\n");
        try (Git repo = GitRepos.create(repoDir)) {
            for (int c = 0; c < 20; c++) {
                files.put("CHANGES", "change " + c + "\n");
                GitRepos.commit(repo, "commit " + c, files);
            }
        }
        Pipeline sourceOnly = pipeline("bench-source").stage("Source", git(repoDir.toUri().toString()).branch("master")).build();
        List<Double> stage = new ArrayList<>();
        List<Double> run = new ArrayList<>();
        double first;
        try (LocalRuntime runtime = runtime(tmp)) {
            first = runtime.run(sourceOnly).source("Source").duration().toNanos() / 1e6;
            for (int i = 0; i < 5 + reps; i++) {
                long t0 = System.nanoTime();
                PipelineResult result = runtime.run(sourceOnly);
                long t1 = System.nanoTime();
                if (result.status() != Status.SUCCEEDED) {
                    throw new IllegalStateException("the source stage failed:\n" + result);
                }
                if (i >= 5) {
                    stage.add(result.source("Source").duration().toNanos() / 1e6);
                    run.add((t1 - t0) / 1e6);
                }
            }
        }
        System.out.printf("== 2. source stage, unchanged cached git repository (101 files, 20 commits, file://), %d runs ==%n", reps);
        System.out.printf("  first run (clone into the empty cache)  %7.1f ms%n", first);
        System.out.printf("  source stage (fetch + export), median    %7.1f ms  (min %.1f, max %.1f)%n", median(stage), min(stage), max(stage));
        System.out.printf("  whole source-only run, median            %7.1f ms%n", median(run));
    }

    // --- 3. heap while a build prints 200 MB ------------------------------------------------------------

    private static void heap(Path tmp, long bytes) throws Exception {
        AtomicLong received = new AtomicLong();
        AtomicLong lines = new AtomicLong();
        RunListener counter = event -> {
            if (event instanceof RunEvent.LogLine line) {
                received.addAndGet(line.line().length() + 1);
                lines.incrementAndGet();
            }
        };
        Pipeline p = pipeline("bench-heap").stage("Build", codeBuild("bench-heap").image(DockerTestSupport.ENV.busyboxImage())
                .timeout(Duration.ofMinutes(30))
                .build("yes 'Slipway streams build output line by line, masking secrets, never buffering the log.' | head -c " + bytes,
                        "head -c 1000000 /dev/zero | tr '\\0' 'x'; echo")).build();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        try (LocalRuntime runtime = runtime(tmp)) {
            runtime.run(pipeline("bench-heap-warmup").stage("Build", codeBuild("bench-heap").image(DockerTestSupport.ENV.busyboxImage())
                    .build("echo warm")).build());
            System.gc();
            long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            Sampler sampler = new Sampler(heapPools);
            sampler.start();
            long t0 = System.nanoTime();
            PipelineResult result = runtime.run(p, counter);
            long elapsed = System.nanoTime() - t0;
            sampler.stop();
            BuildResult build = result.build("Build");
            if (build.status() != Status.SUCCEEDED) {
                throw new IllegalStateException("the heap build failed:\n" + result);
            }
            long poolPeaks = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            long logFile = Files.size(Path.of(build.logLocation()));
            System.out.printf("== 3. heap while a build prints %d MB (JVM -Xmx%d MB) ==%n", bytes / 1_000_000,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            System.out.printf("  output received by the listener   %8.1f MB in %d lines, %.1f s (%.0f MB/s); log file %.1f MB%n",
                    received.get() / 1e6, lines.get(), elapsed / 1e9, received.get() / 1e6 / (elapsed / 1e9), logFile / 1e6);
            System.out.printf("  heap used before the build         %8.1f MB%n", before / 1048576.0);
            System.out.printf("  peak heap used (sampled every 5 ms) %7.1f MB%n", sampler.peakUsed / 1048576.0);
            System.out.printf("  peak heap (sum of pool peaks)      %8.1f MB  (upper bound: pools peak at different times)%n", poolPeaks / 1048576.0);
            System.out.printf("  peak live heap after a GC          %8.1f MB%n", sampler.peakAfterGc / 1048576.0);
        }
    }

    /** Samples heap use, and the heap left after the latest collection, every 5 ms. */
    private static final class Sampler implements Runnable {
        private final List<MemoryPoolMXBean> pools;
        private final Thread thread = new Thread(this, "heap-sampler");
        private volatile boolean running = true;
        volatile long peakUsed;
        volatile long peakAfterGc;

        Sampler(List<MemoryPoolMXBean> pools) {
            this.pools = pools;
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        @Override
        public void run() {
            while (running) {
                peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                long afterGc = pools.stream().mapToLong(p -> p.getCollectionUsage() == null ? 0 : p.getCollectionUsage().getUsed()).sum();
                peakAfterGc = Math.max(peakAfterGc, afterGc);
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return Collections.min(values);
    }

    private static double max(List<Double> values) {
        return Collections.max(values);
    }
}
