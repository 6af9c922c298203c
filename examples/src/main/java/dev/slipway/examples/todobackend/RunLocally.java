package dev.slipway.examples.todobackend;

import dev.slipway.core.ConsoleReporter;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.report.RunRecorder;
import dev.slipway.report.RunReport;
import dev.slipway.runtime.local.LocalRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The main example: the book's todobackend pipeline run locally — a fresh git repository of the sample
 * application, built in {@code slipway/debian}, its image pushed to the local registry. Prints the progress,
 * the result table and the pushed image's digest, and writes an HTML report of the run.
 *
 * <pre>
 * scripts/run-example                      # sets up Docker, the images and the registry, then runs this
 * </pre>
 *
 * <p>Reads {@code SLIPWAY_REGISTRY} (default {@code 127.0.0.1:5000}); the report goes to the path of the first
 * argument (default {@code target/todobackend-report.html}).
 */
public final class RunLocally {
    private RunLocally() {
    }

    public static void main(String[] args) throws IOException {
        String registry = Optional.ofNullable(System.getenv("SLIPWAY_REGISTRY")).orElse("127.0.0.1:5000");
        Path report = Path.of(args.length > 0 ? args[0] : "target/todobackend-report.html");
        String repository = SampleRepository.create(Files.createTempDirectory("todobackend"));

        Pipeline pipeline = Todobackend.local(repository, registry);
        RunRecorder recorder = RunRecorder.create();
        PipelineResult result;
        try (LocalRuntime runtime = LocalRuntime.create()) {
            result = runtime.run(pipeline, ConsoleReporter.create(), recorder);
        }
        RunReport.of(pipeline, result).logs(recorder).writeTo(report);

        System.out.println();
        System.out.println("Report: " + report.toAbsolutePath());
        if (result.status().isSuccessful()) {
            System.out.println("Pushed: " + result.publish("Publish").imageReference());
        }
        System.exit(result.status().isSuccessful() ? 0 : 1);
    }
}
