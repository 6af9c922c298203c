package dev.slipway.runtime.local;

import dev.slipway.core.BuildResult;
import dev.slipway.core.PhaseType;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.PublishResult;
import dev.slipway.core.RunOptions;
import dev.slipway.core.SourceResult;
import dev.slipway.core.Status;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.dockerImage;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.dsl.Slipway.registry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book's pipeline (DESIGN.md) adapted to slipway/debian: a git repository with a Makefile and the book's
 * buildspec, Docker-in-Docker in a privileged build, APP_VERSION = commit.uuid, and the image pushed to the
 * real registry.
 */
class BookFlowIT {
    /** DESIGN.md's buildspec; Debian's paths and timeout syntax, exports and the release directory as artifact. */
    static final String BUILDSPEC = """
            version: 0.2
            env:
              exported-variables:
                - APP_VERSION
            phases:
              pre_build:
                commands:
                  - nohup dockerd --host=unix:///var/run/docker.sock --storage-driver=overlay&
                  - timeout 15 sh -c "until docker info > /dev/null 2>&1; do echo .; sleep 1; done"
                  - export BUILD_ID=$(echo $CODEBUILD_BUILD_ID | sed 's/^[^:]*://g')
                  - export APP_VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION.$BUILD_ID
                  - make login
              build:
                commands:
                  - make test
                  - make release
                  - make publish
              post_build:
                commands:
                  - make clean
                  - make logout
            artifacts:
              base-directory: release
              files:
                - '**/*'
            """;

    static final String MAKEFILE = String.join("\n",
            "APP_VERSION ?= dev",
            ".PHONY: login test release publish clean logout",
            "login:",
            "\t@test -z \"$(LOGIN_FAIL)\" || { echo login refused; exit 1; }",
            "\t@echo logged in",
            "test:",
            "\ttar -C / -ch bin/dash lib/x86_64-linux-gnu/libc.so.6 lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 lib64/ld-linux-x86-64.so.2 | docker import - todobackend-base",
            "\tdocker build -t todobackend-test -f Dockerfile.test .",
            "\tdocker run --rm todobackend-test /bin/dash /app/test.sh",
            "release:",
            "\tmkdir -p release",
            "\tcp app.txt release/",
            "\techo $(APP_VERSION) > release/version.txt",
            "\tprintf 'FROM %s\\nCOPY app.txt version.txt /app/\\n' $(BASE_IMAGE) > release/Dockerfile",
            "publish:",
            "\tdocker tag todobackend-test todobackend:$(APP_VERSION)",
            "\tdocker images todobackend",
            "clean:",
            "\tdocker rmi -f todobackend-test todobackend-base > /dev/null",
            "logout:",
            "\t@echo logged out",
            "");

    @TempDir
    static Path tmp;
    static LocalRuntime runtime;
    static Git repo;
    static RevCommit good;
    static RevCommit broken;
    static String repository;
    static RegistryClient registryClient;

    @BeforeAll
    static void setUp() throws Exception {
        DockerTestSupport.requireDockerAndImages();
        runtime = DockerTestSupport.runtime(tmp);
        registryClient = new RegistryClient(DockerTestSupport.ENV.registry());
        repository = "todobackend-" + UUID.randomUUID().toString().substring(0, 8);
        repo = GitRepos.create(tmp.resolve("todobackend"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("buildspec.yml", BUILDSPEC);
        files.put("Makefile", MAKEFILE);
        files.put("Dockerfile.test", "FROM todobackend-base\nCOPY app.txt test.sh /app/\n");
        files.put("test.sh", "read v < /app/app.txt\n[ \"$v\" = todo ] || { echo \"tests failed: got $v\"; exit 1; }\necho tests passed\n");
        files.put("app.txt", "todo\n");
        good = GitRepos.commit(repo, "todobackend", files);
        repo.branchCreate().setName("broken").call();
        repo.checkout().setName("broken").call();
        broken = GitRepos.commit(repo, "break the tests", Map.of("app.txt", "broken\n"));
        repo.checkout().setName("master").call();
    }

    @AfterAll
    static void tearDown() {
        runtime.close();
        repo.close();
        DockerTestSupport.assertNothingLeft();
        DockerTestSupport.docker().listImagesCmd().withReferenceFilter(DockerTestSupport.ENV.registry() + "/" + repository)
                .exec().forEach(image -> DockerTestSupport.docker().removeImageCmd(image.getId()).withForce(true).exec());
    }

    static Pipeline pipelineFor(String branch) {
        return pipeline("todobackend")
                .stage("Source", git(GitRepos.url(repo)).branch(branch))
                .stage("Build", codeBuild("todobackend")
                        .image(DockerTestSupport.ENV.debianImage())
                        .privileged(true)
                        .env("MAKEFLAGS", "-s")
                        .env("BASE_IMAGE", DockerTestSupport.ENV.busyboxImage())
                        .output("BuildOutput"))
                .stage("Publish", dockerImage(repository).fromDockerfile("Dockerfile").input("BuildOutput")
                        .tag("${APP_VERSION}").tag("latest").to(registry(DockerTestSupport.ENV.registry())))
                .build();
    }

    @Test
    void theBooksPipelineBuildsWithDockerInDockerAndPushesTheImage() throws Exception {
        EventRecorder events = new EventRecorder();
        PipelineResult result = runtime.run(pipelineFor("master"), events);

        assertThat(result.status()).as(result.toString() + "\n" + String.join("\n", events.lines())).isEqualTo(Status.SUCCEEDED);
        SourceResult source = result.source("Source");
        BuildResult build = result.build("Build");
        assertThat(source.commit()).isEqualTo(good.name());
        String uuid = build.buildId().substring(build.buildId().indexOf(':') + 1);
        String appVersion = build.exportedVariables().get("APP_VERSION");
        assertThat(appVersion).isEqualTo(good.name() + "." + uuid);
        assertThat(events.lines()).contains("tests passed", "logged in", "logged out");
        assertThat(build.phases()).extracting(p -> p.type() + " " + p.status()).contains(
                "PRE_BUILD SUCCEEDED", "BUILD SUCCEEDED", "POST_BUILD SUCCEEDED", "UPLOAD_ARTIFACTS SUCCEEDED");

        Path artifact = Path.of(build.artifacts().get(0).location());
        assertThat(Files.readString(artifact.resolve("version.txt")).strip()).isEqualTo(appVersion);

        PublishResult publish = result.publish("Publish");
        assertThat(publish.tags()).containsExactly(appVersion, "latest");
        assertThat(publish.digest()).startsWith("sha256:");
        assertThat(registryClient.digest(repository, appVersion)).isEqualTo(publish.digest());
        assertThat(registryClient.digest(repository, "latest")).isEqualTo(publish.digest());
    }

    @Test
    void aFailingMakeTestFailsTheBuild_postBuildStillRuns_andNothingIsPublished() throws Exception {
        EventRecorder events = new EventRecorder();
        PipelineResult result = runtime.run(pipelineFor("broken"), events);

        BuildResult build = result.build("Build");
        assertThat(result.source("Source").commit()).isEqualTo(broken.name());
        assertThat(build.status()).isEqualTo(Status.FAILED);
        assertThat(build.phase(PhaseType.BUILD).status()).isEqualTo(Status.FAILED);
        assertThat(build.phase(PhaseType.BUILD).failure().orElseThrow().command()).contains("make test");
        assertThat(build.phase(PhaseType.POST_BUILD).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(events.lines()).contains("tests failed: got broken", "logged out");
        assertThat(result.findStage("Publish")).isEmpty();
        String appVersion = build.exportedVariables().get("APP_VERSION");
        assertThat(appVersion).startsWith(broken.name() + ".");
        assertThat(registryClient.digest(repository, appVersion)).isNull();
    }

    @Test
    void aFailingPreBuildCommandSkipsBuildAndPostBuild() {
        EventRecorder events = new EventRecorder();
        PipelineResult result = runtime.start(pipelineFor("master"),
                RunOptions.builder().listener(events).env("LOGIN_FAIL", "yes").build()).await();

        BuildResult build = result.build("Build");
        assertThat(build.status()).isEqualTo(Status.FAILED);
        assertThat(build.phase(PhaseType.PRE_BUILD).status()).isEqualTo(Status.FAILED);
        assertThat(build.phase(PhaseType.PRE_BUILD).failure().orElseThrow().command()).contains("make login");
        assertThat(build.ran(PhaseType.BUILD)).isFalse();
        assertThat(build.ran(PhaseType.POST_BUILD)).isFalse();
        assertThat(build.ran(PhaseType.UPLOAD_ARTIFACTS)).isFalse();
        assertThat(build.phase(PhaseType.FINALIZING).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(events.lines()).contains("login refused").doesNotContain("logged out");
        assertThat(result.findStage("Publish")).isEmpty();
    }
}
