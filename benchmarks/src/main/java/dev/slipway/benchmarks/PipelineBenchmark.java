package dev.slipway.benchmarks;

import dev.slipway.core.Pipeline;
import dev.slipway.dsl.PipelineBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Build + validate of a 100-stage pipeline through the DSL, against the baseline of constructing the same
 * immutable records directly with no validation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PipelineBenchmark {
    private PipelineBuilder builder;
    private Pipeline built;

    @Setup
    public void setUp() {
        builder = Specimens.pipelineOf100Stages();
        built = builder.build();
    }

    /** The same 100 stages made with the core records' constructors: no DSL, no validation. */
    @Benchmark
    public Pipeline baselineRecordsWithoutValidation() {
        return Specimens.pipelineOf100StagesAsRecords();
    }

    @Benchmark
    public Pipeline buildAndValidate() {
        return builder.build();
    }

    @Benchmark
    public Object validateOnly() {
        return built.problems();
    }
}
