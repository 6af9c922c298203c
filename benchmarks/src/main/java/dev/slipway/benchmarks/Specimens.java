package dev.slipway.benchmarks;

import dev.slipway.core.Action;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildEnvironment;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.GitRef;
import dev.slipway.core.ImageSource;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PublishAction;
import dev.slipway.core.Registry;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceLocation;
import dev.slipway.core.Stage;
import dev.slipway.dsl.PipelineBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.dockerImage;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.dsl.Slipway.registry;

/** The inputs the benchmarks measure: a 200-line buildspec and a 100-stage pipeline. */
final class Specimens {
    private Specimens() {
    }

    static String buildspecOf200Lines() {
        StringBuilder y = new StringBuilder();
        y.append("version: 0.2\n");
        y.append("env:\n  shell: bash\n  variables:\n");
        for (int i = 0; i < 20; i++) {
            y.append("    VAR_").append(i).append(": \"value-").append(i).append("\"\n");
        }
        y.append("  parameter-store:\n    DB_PASSWORD: /app/db/password\n");
        y.append("  exported-variables:\n    - APP_VERSION\n    - BUILD_ID\n");
        y.append("phases:\n");
        String[] phases = {"install", "pre_build", "build", "post_build"};
        for (String phase : phases) {
            y.append("  ").append(phase).append(":\n");
            if (phase.equals("build")) {
                y.append("    on-failure: CONTINUE\n");
            }
            y.append("    commands:\n");
            for (int i = 0; i < 30; i++) {
                // quoted as a whole: a plain scalar may not hold ": " (CodeBuild would read a mapping)
                y.append("      - 'echo \"").append(phase).append(" step ").append(i).append(": running\"' # note\n");
            }
            y.append("      - |\n        if [ -f Makefile ]; then\n          make ").append(phase).append("\n        fi\n");
            y.append("    finally:\n      - echo done ").append(phase).append('\n');
        }
        y.append("artifacts:\n  files:\n    - 'target/**/*'\n    - README.md\n  discard-paths: no\n  base-directory: build\n");
        y.append("  secondary-artifacts:\n    reports:\n      files:\n        - 'reports/**/*'\n");
        y.append("cache:\n  paths:\n    - '/root/.m2/**/*'\n");
        String text = y.toString();
        long lines = text.lines().count();
        return text + "# padding\n".repeat((int) Math.max(0, 200 - lines));
    }

    static PipelineBuilder pipelineOf100Stages() {
        PipelineBuilder p = pipeline("big").stage("Source", git("https://example.com/app.git").branch("main"));
        for (int i = 1; i < 99; i++) {
            p = p.stage("Stage" + i, codeBuild("project-" + i).image("slipway/debian")
                    .preBuild("export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION")
                    .build("make test", "make release")
                    .postBuild("make clean")
                    .exportedVariables("APP_VERSION"));
        }
        return p.stage("Publish", dockerImage("app").fromLocalImage("app:latest").tag("${APP_VERSION}").to(registry("127.0.0.1:5000")));
    }

    static Pipeline pipelineOf100StagesAsRecords() {
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage("Source", List.<Action>of(new SourceAction("Source", 1,
                new SourceLocation.GitRepository("https://example.com/app.git", Optional.empty()), GitRef.branch("main"),
                Optional.empty(), "SourceOutput"))));
        for (int i = 1; i < 99; i++) {
            BuildSpec spec = BuildSpec.builder()
                    .addCommands(PhaseType.PRE_BUILD, List.of("export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION"))
                    .addCommands(PhaseType.BUILD, List.of("make test", "make release"))
                    .addCommands(PhaseType.POST_BUILD, List.of("make clean"))
                    .env(BuildSpec.Env.EMPTY.withExportedVariables(List.of("APP_VERSION")))
                    .build();
            stages.add(new Stage("Stage" + i, List.<Action>of(new BuildAction("Stage" + i, 1, "project-" + i,
                    BuildEnvironment.of("slipway/debian"), Optional.of(spec), BuildAction.DEFAULT_BUILDSPEC_PATH,
                    List.of("SourceOutput"), List.of()))));
        }
        stages.add(new Stage("Publish", List.<Action>of(new PublishAction("Publish", 1, "app", List.of("${APP_VERSION}"),
                new ImageSource.LocalImage("app:latest"), new Registry.Docker("127.0.0.1:5000", Optional.empty()), List.of()))));
        return new Pipeline("big", stages);
    }
}
