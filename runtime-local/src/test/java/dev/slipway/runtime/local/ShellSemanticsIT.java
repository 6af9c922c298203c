package dev.slipway.runtime.local;

import dev.slipway.core.BuildResult;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.Failure;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.RunEvent;
import dev.slipway.core.RunOptions;
import dev.slipway.core.SecretResolver;
import dev.slipway.core.Status;
import dev.slipway.dsl.CodeBuildBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.parameterStore;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.dsl.Slipway.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** How commands run in the build container: CodeBuild's shell rules, variables and masking. */
class ShellSemanticsIT {
    @TempDir
    static Path tmp;
    static LocalRuntime runtime;
    static String busybox;

    @BeforeAll
    static void start() {
        DockerTestSupport.requireDockerAndImages();
        busybox = DockerTestSupport.ENV.busyboxImage();
        runtime = DockerTestSupport.runtimeBuilder(tmp)
                .secrets(SecretResolver.fromMap(Map.of("/app/db/password", "pa55-from-ssm")))
                .build();
    }

    @AfterAll
    static void stop() {
        runtime.close();
        DockerTestSupport.assertNothingLeft();
    }

    private static BuildResult run(CodeBuildBuilder build) {
        return run(build, RunOptions.defaults());
    }

    private static BuildResult run(CodeBuildBuilder build, RunOptions options) {
        Pipeline p = pipeline("shell").stage("Build", build).build();
        PipelineResult result = runtime.start(p, options).await();
        return result.build("Build");
    }

    @Test
    void exportsAndWorkingDirectoryCarryOverBetweenCommandsAndPhases_inVersion02() {
        BuildResult build = run(codeBuild("carry").image(busybox)
                .install("export FOO=bar", "cd /tmp", "X=not-exported")
                .preBuild("[ \"$FOO\" = bar ]", "[ \"$(pwd)\" = /tmp ]", "export FOO=\"$FOO baz\"")
                .build("[ \"$FOO\" = 'bar baz' ]", "[ -z \"$X\" ]", "export QUOTED=\"it's \\\"quoted\\\" \\$HOME\"")
                .exportedVariables("FOO", "QUOTED"));

        assertThat(build.status()).as(build.toString()).isEqualTo(Status.SUCCEEDED);
        assertThat(build.exportedVariables()).containsEntry("FOO", "bar baz").containsEntry("QUOTED", "it's \"quoted\" $HOME");
    }

    @Test
    void eachCommandRunsInAShellOfItsOwn_inVersion01() {
        BuildSpec spec = BuildSpec.builder().version(BuildSpec.VERSION_0_1)
                .phase(PhaseType.BUILD, BuildSpec.Phase.of("export FOO=bar", "cd /tmp", "[ -z \"$FOO\" ]",
                        "[ \"$(pwd)\" = \"$CODEBUILD_SRC_DIR\" ]"))
                .build();

        BuildResult build = run(codeBuild("version01").image(busybox).buildspec(spec));

        assertThat(build.status()).as(build.toString()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void exitFailsOnlyThatCommand_postBuildStillRunsAndSeesTheBuildFailing() {
        EventRecorder events = new EventRecorder();
        BuildResult build = run(codeBuild("exit").image(busybox)
                .build("echo before", "exit 3", "echo never")
                .postBuild("echo post $CODEBUILD_BUILD_SUCCEEDING", "[ \"$CODEBUILD_BUILD_SUCCEEDING\" = 0 ]"),
                RunOptions.of(events));

        assertThat(build.status()).isEqualTo(Status.FAILED);
        assertThat(build.phase(PhaseType.BUILD).status()).isEqualTo(Status.FAILED);
        assertThat(build.phase(PhaseType.BUILD).failure().flatMap(Failure::exitCode)).contains(3);
        assertThat(build.phase(PhaseType.POST_BUILD).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(events.lines()).contains("before", "post 0").doesNotContain("never");
    }

    @Test
    void runtimeVersionsAndRunAsAreNotAppliedLocally_andTheLogSaysSo() {
        EventRecorder events = new EventRecorder();
        BuildSpec spec = BuildSpec.builder().runAs("codebuild-user")
                .phase(PhaseType.INSTALL, new BuildSpec.Phase(java.util.Optional.empty(), java.util.Optional.empty(),
                        Map.of("java", "corretto17"), java.util.List.of("echo installing"), java.util.List.of()))
                .build();
        BuildResult build = run(codeBuild("runtimes").image(busybox).buildspec(spec).build("export WHO=$(id -u)")
                .exportedVariables("WHO"), RunOptions.of(events));

        assertThat(build.status()).as(build.toString()).isEqualTo(Status.SUCCEEDED);
        assertThat(build.exportedVariables()).containsEntry("WHO", "0");
        assertThat(events.lines()).anyMatch(l -> l.contains("Skipping install of runtimes. Runtime version selection is not supported "
                + "by this build image.")).anyMatch(l -> l.contains("run-as is not supported by LocalRuntime: commands run as root"));
    }

    @Test
    void aMultiLineBlockIsOneCommandWhoseLastStatusCounts() {
        EventRecorder events = new EventRecorder();
        String block = "false\necho still running\nif [ -n \"$CODEBUILD_BUILD_ID\" ]; then\n  echo id set\nfi\n";
        BuildResult build = run(codeBuild("block").image(busybox).build(block, "printf 'no newline'", "echo next"),
                RunOptions.of(events));

        assertThat(build.status()).as(build.toString()).isEqualTo(Status.SUCCEEDED);
        assertThat(events.lines().stream().filter(l -> l.contains("Running command"))).hasSize(3);
        assertThat(events.lines()).containsSubsequence("still running", "id set", "no newline", "next");
    }

    @Test
    void commandsRunInShByDefaultAndInBashWhenTheBuildspecSaysSo() throws Exception {
        String debian = DockerTestSupport.ENV.debianImage();
        BuildResult sh = run(codeBuild("sh-default").image(debian).build("[ -z \"$BASH_VERSION\" ]", "[[ 1 == 1 ]]"));
        BuildResult bash = run(codeBuild("bash-shell").image(debian).shell("bash")
                .build("[ -n \"$BASH_VERSION\" ]", "[[ 1 == 1 ]]", "cd /tmp", "[[ $(pwd) == /tmp ]]"));

        assertThat(sh.phase(PhaseType.BUILD).failure().flatMap(Failure::command)).contains("[[ 1 == 1 ]]");
        assertThat(java.nio.file.Files.readString(Path.of(sh.logLocation())))
                .contains("/codebuild/output/tmp/script.sh: 2: [[: not found");
        assertThat(bash.status()).as(bash.toString()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void overridesWinOverProjectVariablesWhichWinOverTheBuildspec() {
        BuildSpec spec = BuildSpec.builder().env(BuildSpec.Env.EMPTY.withVariables(
                Map.of("A", "spec", "B", "spec", "C", "spec", "PATH", "$PATH:/literal"))).build();
        BuildResult build = run(codeBuild("precedence").image(busybox).buildspec(spec)
                        .env("B", "project").env("C", "project")
                        .build("export RESULT=\"$A $B $C\"", "export P=\"$PATH\"")
                        .exportedVariables("RESULT", "P"),
                RunOptions.builder().env("C", "override").build());

        assertThat(build.exportedVariables()).containsEntry("RESULT", "spec project override")
                .containsEntry("P", "$PATH:/literal");
    }

    @Test
    void codebuildVariablesAreSetAsCodeBuildSetsThem() {
        BuildResult build = run(codeBuild("vars").image(busybox)
                .preBuild("export BUILD_ID=$(echo $CODEBUILD_BUILD_ID | sed 's/^[^:]*://g')",
                        "export ME=$(id -u):$HOME:$(pwd)")
                .build("export SEEN=\"$CODEBUILD_BUILD_ARN|$CODEBUILD_INITIATOR|$AWS_REGION|$AWS_DEFAULT_REGION|$CODEBUILD_BUILD_IMAGE|$CODEBUILD_SRC_DIR\"",
                        "export START=$CODEBUILD_START_TIME NUMBER=$CODEBUILD_BUILD_NUMBER")
                .exportedVariables("BUILD_ID", "ME", "SEEN", "START", "NUMBER"));

        assertThat(build.status()).as(build.toString()).isEqualTo(Status.SUCCEEDED);
        String uuid = build.buildId().substring("vars:".length());
        Map<String, String> vars = build.exportedVariables();
        assertThat(build.buildId()).matches("vars:[0-9a-f-]{36}");
        assertThat(vars.get("BUILD_ID")).isEqualTo(uuid);
        String[] seen = vars.get("SEEN").split("\\|");
        assertThat(seen[0]).isEqualTo("arn:aws:codebuild:us-east-1:000000000000:build/" + build.buildId());
        assertThat(seen[1]).isEqualTo("codepipeline/shell");
        assertThat(seen[2]).isEqualTo("us-east-1");
        assertThat(seen[3]).isEqualTo("us-east-1");
        assertThat(seen[4]).isEqualTo(busybox);
        assertThat(seen[5]).matches("/codebuild/output/src\\d{9}/src");
        assertThat(vars.get("ME")).isEqualTo("0:/root:" + seen[5]);
        assertThat(Long.parseLong(vars.get("START"))).isBetween(build.start().toEpochMilli() - 1000, build.start().toEpochMilli() + 60_000);
        assertThat(vars.get("NUMBER")).isEqualTo(Long.toString(build.buildNumber()));
    }

    @Test
    void reservedCodebuildNamesCannotBeOverridden() {
        BuildResult build = run(codeBuild("reserved").image(busybox)
                        .build("export ID=$CODEBUILD_BUILD_ID SUCCEEDING=$CODEBUILD_BUILD_SUCCEEDING")
                        .exportedVariables("ID", "SUCCEEDING"),
                RunOptions.builder().env("CODEBUILD_BUILD_ID", "mine").env("CODEBUILD_BUILD_SUCCEEDING", "7").build());

        assertThat(build.exportedVariables()).containsEntry("ID", build.buildId()).containsEntry("SUCCEEDING", "1");
    }

    @Test
    void buildNumbersCountPerProjectAcrossRunsAndRuntimes() {
        CodeBuildBuilder build = codeBuild("numbers").image(busybox).build("true");
        long first = run(build).buildNumber();
        long second = run(build).buildNumber();
        long third;
        try (LocalRuntime other = DockerTestSupport.runtime(tmp)) {
            third = other.run(pipeline("shell").stage("Build", build).build()).build("Build").buildNumber();
        }
        long elsewhere = run(codeBuild("numbers-other").image(busybox).build("true")).buildNumber();

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(third).isEqualTo(3);
        assertThat(elsewhere).isEqualTo(1);
    }

    @Test
    void secretsAreMaskedInLogEventsTheLogFileAndExportedVariables() throws Exception {
        EventRecorder events = new EventRecorder();
        BuildResult build = run(codeBuild("secrets").image(busybox)
                        .env("TOKEN", secret("t0ken-value-42"))
                        .env("DB_PASSWORD", parameterStore("/app/db/password"))
                        .build("echo token=$TOKEN", "echo db=$DB_PASSWORD", "export LEAK=\"x$TOKEN\"",
                                "echo $TOKEN | rev", "false $DB_PASSWORD")
                        .exportedVariables("LEAK"),
                RunOptions.of(events));

        String log = Files.readString(Path.of(build.logLocation()));
        assertThat(events.lines()).contains("token=***", "db=***", "24-eulav-nek0t")
                .noneMatch(l -> l.contains("t0ken-value-42") || l.contains("pa55-from-ssm"));
        assertThat(log).contains("token=***", "db=***", "Command did not exit successfully false $DB_PASSWORD")
                .doesNotContain("t0ken-value-42").doesNotContain("pa55-from-ssm");
        assertThat(build.exportedVariables()).containsEntry("LEAK", "x***");
        assertThat(build.phase(PhaseType.BUILD).failure().orElseThrow().message()).doesNotContain("pa55-from-ssm");
    }

    @Test
    void theImagesEntrypointAndUserAreIgnored() throws Exception {
        String image = "slipway-it/entrypoint-user:latest";
        Path context = Files.createDirectories(tmp.resolve("entrypoint-image"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + busybox + "\nUSER 65534\nENTRYPOINT [\"false\"]\nCMD [\"x\"]\n");
        DockerTestSupport.docker().buildImageCmd(context.toFile()).withTags(java.util.Set.of(image))
                .exec(new com.github.dockerjava.api.command.BuildImageResultCallback()).awaitImageId();
        try {
            BuildResult build = run(codeBuild("entrypoint").image(image)
                    .build("[ \"$(id -u)\" = 0 ]", "[ \"$HOME\" = /root ]"));
            assertThat(build.status()).as(build.toString()).isEqualTo(Status.SUCCEEDED);
        } finally {
            DockerTestSupport.docker().removeImageCmd(image).withForce(true).exec();
        }
    }

    @Test
    void finallyRunsAfterAFailedCommand_andOutputOfLongLinesArrivesInBoundedPieces() {
        EventRecorder events = new EventRecorder();
        BuildResult build = run(codeBuild("finally").image(busybox)
                        .build("head -c 100000 /dev/zero | tr '\\0' 'x'; echo", "false", "echo skipped")
                        .finallyCommands(PhaseType.BUILD, "echo finally ran"),
                RunOptions.of(events));

        assertThat(build.phase(PhaseType.BUILD).status()).isEqualTo(Status.FAILED);
        assertThat(events.lines()).contains("finally ran").doesNotContain("skipped");
        long xs = events.lines().stream().filter(l -> l.startsWith("x")).mapToLong(String::length).sum();
        assertThat(xs).isEqualTo(100_000);
        assertThat(events.lines()).allMatch(l -> l.length() <= 16 * 1024);
        assertThat(events.events(RunEvent.LogLine.class)).allMatch(l -> l.stage().equals("Build"));
    }
}
