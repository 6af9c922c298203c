package dev.slipway.runtime.local;

import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineRun;
import dev.slipway.core.RunEvent;
import dev.slipway.core.RunOptions;

import java.nio.file.Path;
import java.time.Duration;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.pipeline;

/**
 * Run in a child JVM by {@link LifecycleIT}: starts a build that sleeps, prints the run ID once the build's
 * command runs, then exits the JVM ({@code exit}) or waits to be killed ({@code wait}) without closing the runtime.
 */
public final class ShutdownHookMain {
    public static void main(String[] args) throws Exception {
        String dockerHost = args[0];
        Path directory = Path.of(args[1]);
        String mode = args[2];
        LocalRuntime runtime = LocalRuntime.builder().dockerHost(dockerHost).cacheDirectory(directory.resolve("cache"))
                .workspace(directory.resolve("runs")).build();
        Pipeline p = pipeline("hook").stage("Build", codeBuild("hook").image(args[3]).build("echo ready", "sleep 120")).build();
        EventRecorder events = new EventRecorder();
        PipelineRun run = runtime.start(p, RunOptions.of(events));
        events.await(e -> e instanceof RunEvent.LogLine l && l.line().equals("ready"), Duration.ofSeconds(60));
        System.out.println("RUN " + run.runId());
        System.out.flush();
        if (mode.equals("exit")) {
            System.exit(0);
        }
        run.await();
    }
}
