package dev.slipway.runtime.local;

import dev.slipway.core.Artifact;
import dev.slipway.core.BuildResult;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.Failure;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

/** Artifacts copied out of the build container with CodeBuild's rules; caches kept between runs. */
class ArtifactsAndCacheIT {
    static final String MAKE_FILES = String.join(" && ",
            "mkdir -p out/lib out/docs/api dist1 dist2 other",
            "echo app > out/app.txt", "echo a > out/lib/a.jar", "echo b > out/lib/b.jar", "echo skip > out/lib/skip.tmp",
            "echo api > out/docs/api/index.html", "echo one > dist1/x.txt", "echo two > dist2/y.txt",
            "echo top > top.txt", "echo '#!/bin/sh' > out/run.sh", "chmod 755 out/run.sh");

    @TempDir
    static Path tmp;
    static LocalRuntime runtime;
    static String busybox;

    @BeforeAll
    static void start() {
        DockerTestSupport.requireDockerAndImages();
        busybox = DockerTestSupport.ENV.busyboxImage();
        runtime = DockerTestSupport.runtime(tmp);
    }

    @AfterAll
    static void stop() {
        runtime.close();
        DockerTestSupport.assertNothingLeft();
    }

    @Test
    void filesBaseDirectoryDiscardPathsExcludePathsAndSecondaryArtifactsAreCopiedOut() throws IOException {
        BuildSpec.Artifacts artifacts = BuildSpec.Artifacts.files("**/*").withBaseDirectory("out")
                .withExcludePaths(List.of("**/*.tmp"))
                .withSecondary("jars", BuildSpec.Artifacts.files("out/lib/*.jar").withDiscardPaths(true))
                .withSecondary("dists", BuildSpec.Artifacts.files("*").withBaseDirectory("dist*"))
                .withSecondary("direct", BuildSpec.Artifacts.files("out/*", "top.txt"));

        BuildResult build = runtime.run(pipeline("artifacts").stage("Build", codeBuild("artifacts").image(busybox)
                .build(MAKE_FILES).artifacts(artifacts)).build()).build("Build");

        assertThat(build.status()).as(build.toString()).isEqualTo(Status.SUCCEEDED);
        assertThat(build.artifacts()).extracting(Artifact::name).containsExactly("BuildOutput", "jars", "dists", "direct");
        assertThat(files(build, "BuildOutput")).containsExactlyInAnyOrder("app.txt", "lib/a.jar", "lib/b.jar",
                "docs/api/index.html", "run.sh");
        assertThat(files(build, "jars")).containsExactlyInAnyOrder("a.jar", "b.jar");
        assertThat(files(build, "dists")).containsExactlyInAnyOrder("x.txt", "y.txt");
        assertThat(files(build, "direct")).containsExactlyInAnyOrder("out/app.txt", "out/run.sh", "top.txt");
        Path runSh = Path.of(build.artifacts().get(0).location()).resolve("run.sh");
        assertThat(Files.isExecutable(runSh)).isTrue();
        assertThat(Files.readString(Path.of(build.artifacts().get(0).location()).resolve("lib/a.jar"))).isEqualTo("a\n");
    }

    @Test
    void noMatchingFileIsAClientErrorInUploadArtifacts() {
        EventRecorder events = new EventRecorder();
        BuildResult build = runtime.run(pipeline("noartifacts").stage("Build", codeBuild("noartifacts").image(busybox)
                .build("echo nothing").artifacts("target/*.jar")).build(), events).build("Build");

        assertThat(build.status()).isEqualTo(Status.FAILED);
        assertThat(build.phase(PhaseType.BUILD).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(build.phase(PhaseType.UPLOAD_ARTIFACTS).status()).isEqualTo(Status.FAILED);
        assertThat(build.phase(PhaseType.UPLOAD_ARTIFACTS).failure().orElseThrow())
                .extracting(Failure::code, Failure::message)
                .containsExactly("CLIENT_ERROR", "no matching artifact paths found");
        assertThat(events.lines()).contains("Skipping invalid file path target/*.jar");
    }

    @Test
    void artifactsFlowToTheNextStageAsPrimaryAndSecondaryInputs() {
        Pipeline p = pipeline("flow")
                .stage("Make",
                        codeBuild("maker").image(busybox).build("mkdir -p out", "echo made-$CODEBUILD_BUILD_NUMBER > out/thing.txt")
                                .artifacts(BuildSpec.Artifacts.files("thing.txt").withBaseDirectory("out")).output("Things"),
                        codeBuild("other-maker").image(busybox).build("echo more > more.txt")
                                .artifacts("more.txt").output("More"))
                .stage("Use", codeBuild("user").image(busybox).input("Things", "More")
                        .build("export GOT=\"$(cat thing.txt) $(cat $CODEBUILD_SRC_DIR_More/more.txt)\"",
                                "[ \"$CODEBUILD_SRC_DIR\" = \"$(pwd)\" ]", "export SECONDARY=$CODEBUILD_SRC_DIR_More")
                        .exportedVariables("GOT", "SECONDARY"))
                .build();

        PipelineResult result = runtime.run(p);

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.build("Use").exportedVariables()).containsEntry("GOT", "made-1 more");
        assertThat(result.build("Use").exportedVariables().get("SECONDARY")).matches("/codebuild/output/src\\d{9}/src");
    }

    @Test
    void cachePathsPersistBetweenRunsOfAProject() {
        BuildSpec.Cache cache = BuildSpec.Cache.paths("/root/.m2/**/*", "deps/**/*");
        Pipeline p = pipeline("cache").stage("Build", codeBuild("cached").image(busybox)
                .buildspec(BuildSpec.builder().cache(cache).build())
                .build("export SEEN=\"$(cat /root/.m2/count 2>/dev/null || echo none) $(cat deps/lib.txt 2>/dev/null || echo none)\"",
                        "mkdir -p /root/.m2/repo deps && echo $CODEBUILD_BUILD_NUMBER > /root/.m2/count && echo lib-$CODEBUILD_BUILD_NUMBER > deps/lib.txt")
                .exportedVariables("SEEN")).build();

        BuildResult first = runtime.run(p).build("Build");
        BuildResult second = runtime.run(p).build("Build");
        BuildResult otherProject = runtime.run(pipeline("cache").stage("Build", codeBuild("uncached").image(busybox)
                .buildspec(BuildSpec.builder().cache(cache).build()).build("export SEEN=$(cat /root/.m2/count 2>/dev/null || echo none)")
                .exportedVariables("SEEN")).build()).build("Build");

        assertThat(first.exportedVariables()).containsEntry("SEEN", "none none");
        assertThat(second.exportedVariables()).containsEntry("SEEN", "1 lib-1");
        assertThat(otherProject.exportedVariables()).containsEntry("SEEN", "none");
    }

    @Test
    void cacheActionSaveOnlyNeverRestores_andRestoreOnlyNeverSaves() {
        String read = "export SEEN=$(cat /root/.gradle/count 2>/dev/null || echo none)";
        String write = "mkdir -p /root/.gradle && echo $CODEBUILD_BUILD_NUMBER > /root/.gradle/count";
        Pipeline saveOnly = pipeline("cache").stage("Build", codeBuild("warm-cache").image(busybox)
                .buildspec(BuildSpec.builder().cache(new BuildSpec.Cache(List.of("/root/.gradle/**/*"), java.util.Optional.empty(),
                        List.of(), java.util.Optional.of("save"))).build())
                .build(read, write).exportedVariables("SEEN")).build();
        Pipeline restoreOnly = pipeline("cache").stage("Build", codeBuild("warm-cache").image(busybox)
                .buildspec(BuildSpec.builder().cache(new BuildSpec.Cache(List.of("/root/.gradle/**/*"), java.util.Optional.empty(),
                        List.of(), java.util.Optional.of("restore"))).build())
                .build(read, write).exportedVariables("SEEN")).build();

        BuildResult firstSave = runtime.run(saveOnly).build("Build");
        BuildResult secondSave = runtime.run(saveOnly).build("Build");
        BuildResult firstRestore = runtime.run(restoreOnly).build("Build");
        BuildResult secondRestore = runtime.run(restoreOnly).build("Build");

        assertThat(firstSave.exportedVariables()).containsEntry("SEEN", "none");
        assertThat(secondSave.exportedVariables()).as("save only: nothing restored").containsEntry("SEEN", "none");
        assertThat(firstRestore.exportedVariables()).as("restores what the save-only builds saved").containsEntry("SEEN", "2");
        assertThat(secondRestore.exportedVariables()).as("restore only: build 3's value never saved").containsEntry("SEEN", "2");
    }

    private static List<String> files(BuildResult build, String artifact) throws IOException {
        Path root = Path.of(build.artifacts().stream().filter(a -> a.name().equals(artifact)).findFirst().orElseThrow().location());
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
        }
    }
}
