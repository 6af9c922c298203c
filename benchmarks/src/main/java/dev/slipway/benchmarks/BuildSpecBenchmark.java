package dev.slipway.benchmarks;

import dev.slipway.core.BuildSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.concurrent.TimeUnit;

/**
 * Parse + render of a 200-line buildspec, against the baseline of loading the same YAML into plain maps
 * with snakeyaml-engine (what any YAML-reading tool pays at least).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BuildSpecBenchmark {
    private String yaml;
    private BuildSpec spec;

    @Setup
    public void setUp() {
        yaml = Specimens.buildspecOf200Lines();
        spec = BuildSpec.parse(yaml);
    }

    @Benchmark
    public Object baselineLoadYamlIntoMaps() {
        return new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    @Benchmark
    public BuildSpec parse() {
        return BuildSpec.parse(yaml);
    }

    @Benchmark
    public String render() {
        return spec.toYaml();
    }

    @Benchmark
    public BuildSpec parseAndRender() {
        return BuildSpec.parse(BuildSpec.parse(yaml).toYaml());
    }
}
