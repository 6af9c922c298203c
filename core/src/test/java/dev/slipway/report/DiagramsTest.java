package dev.slipway.report;

import dev.slipway.core.Action;
import dev.slipway.core.BuildAction;
import dev.slipway.core.Pipeline;
import dev.slipway.core.Stage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.slipway.report.Fixtures.failedRun;
import static dev.slipway.report.Fixtures.succeededRun;
import static dev.slipway.report.Fixtures.todobackend;
import static org.assertj.core.api.Assertions.assertThat;

class DiagramsTest {

    @Test
    void aFlowchartWithASubgraphPerStage_aNodePerAction_andArtifactEdges() {
        List<String> lines = lines(Diagrams.mermaid(todobackend()));

        assertThat(lines.get(0)).isEqualTo("flowchart LR");
        assertThat(lines).containsSubsequence(
                "subgraph s1[\"Source\"]", "a1_1[\"source: Source\"]", "end",
                "subgraph s2[\"Build\"]", "a2_1[\"build: Build\"]", "end",
                "subgraph s3[\"Publish\"]", "a3_1[\"publish: Publish\"]", "end");
        assertThat(lines).contains(
                "accTitle: Pipeline todobackend",
                "a1_1 -->|\"SourceOutput\"| a2_1",
                "a2_1 -->|\"BuildOutput\"| a3_1",
                "s1 -.-> s2",
                "s2 -.-> s3");
        assertThat(lines).noneMatch(l -> l.startsWith("class ") || l.startsWith("classDef "));
    }

    @Test
    void withAResultNodesAreClassedAndLabelledByStatus() {
        List<String> lines = lines(Diagrams.mermaid(todobackend(), failedRun()));

        assertThat(lines).contains(
                "a1_1[\"source: Source (succeeded)\"]",
                "a2_1[\"build: Build (failed)\"]",
                "a3_1[\"publish: Publish (not run)\"]",
                "class a1_1 succeeded",
                "class a2_1 failed",
                "class a3_1 notRun");
        assertThat(lines).anyMatch(l -> l.startsWith("classDef failed fill:#ffebe9,stroke:#cf222e"))
                .anyMatch(l -> l.startsWith("classDef notRun ") && l.contains("stroke-dasharray"))
                .noneMatch(l -> l.startsWith("classDef fault"));
    }

    @Test
    void aSucceededRunHasOnlyTheSucceededClass() {
        List<String> lines = lines(Diagrams.mermaid(todobackend(), succeededRun()));

        assertThat(lines.stream().filter(l -> l.startsWith("classDef "))).singleElement().asString().startsWith("classDef succeeded ");
    }

    @Test
    void parallelActionsShareTheirStagesSubgraph() {
        Pipeline base = todobackend();
        BuildAction build = (BuildAction) base.stage("Build").actions().get(0);
        BuildAction lint = new BuildAction("Lint", 1, "lint", build.environment(), build.buildSpec(), build.buildSpecPath(),
                List.of("SourceOutput"), List.of());
        Pipeline p = new Pipeline("p", List.of(base.stage("Source"), new Stage("Build", List.<Action>of(build, lint))));

        List<String> lines = lines(Diagrams.mermaid(p));

        assertThat(lines).containsSubsequence("subgraph s2[\"Build\"]", "a2_1[\"build: Build\"]", "a2_2[\"build: Lint\"]", "end");
        assertThat(lines).contains("a1_1 -->|\"SourceOutput\"| a2_1", "a1_1 -->|\"SourceOutput\"| a2_2");
    }

    @Test
    void labelsEscapeWhatMermaidWouldReadAsSyntax() {
        assertThat(Diagrams.label("say \"hi\" <b> #1 & more")).isEqualTo("say #quot;hi#quot; #lt;b#gt; #35;1 #amp; more");
    }

    @Test
    void aBuildWithoutSourceIsASingleNode() {
        BuildAction build = (BuildAction) todobackend().stage("Build").actions().get(0);
        BuildAction alone = new BuildAction("Build", 1, "p", build.environment(), Optional.empty(), "buildspec.yml", List.of(), List.of());

        String diagram = Diagrams.mermaid(new Pipeline("solo", List.of(new Stage("Build", List.of(alone)))));

        assertThat(diagram).isEqualTo("""
                flowchart LR
                  accTitle: Pipeline solo
                  subgraph s1["Build"]
                    a1_1["build: Build"]
                  end
                """);
    }

    private static List<String> lines(String diagram) {
        return diagram.lines().map(String::strip).toList();
    }
}
