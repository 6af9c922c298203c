package dev.slipway.runtime.local;

import dev.slipway.core.BuildResult;
import dev.slipway.core.Failure;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.SourceResult;
import dev.slipway.core.Status;
import dev.slipway.dsl.SourceBuilder;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static dev.slipway.dsl.Slipway.codeBuild;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.localPath;
import static dev.slipway.dsl.Slipway.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

/** Source actions: real repositories cloned with JGit into the cache, and local directories as they are. */
class SourceIT {
    @TempDir
    static Path tmp;
    static LocalRuntime runtime;
    static Git repo;
    static RevCommit first;
    static RevCommit second;
    static RevCommit feature;

    @BeforeAll
    static void setUp() throws Exception {
        DockerTestSupport.requireDockerAndImages();
        runtime = DockerTestSupport.runtime(tmp);
        repo = GitRepos.create(tmp.resolve("app"));
        first = GitRepos.commit(repo, "first", Map.of("README", "one\n", "bin/run.sh", "#!/bin/sh\necho run\n"), Set.of("bin/run.sh"));
        repo.tag().setName("v1").setAnnotated(true).setMessage("release 1").setTagger(new PersonIdent("t", "t@t")).call();
        second = GitRepos.commit(repo, "second", Map.of("README", "two\n"));
        repo.branchCreate().setName("feature").call();
        repo.checkout().setName("feature").call();
        feature = GitRepos.commit(repo, "feature", Map.of("FEATURE", "yes\n"));
        repo.checkout().setName("master").call();
    }

    @AfterAll
    static void tearDown() {
        runtime.close();
        repo.close();
        DockerTestSupport.assertNothingLeft();
    }

    private static PipelineResult runWithBuild(SourceBuilder source) {
        Pipeline p = pipeline("sources").stage("Source", source)
                .stage("Build", codeBuild("sources").image(DockerTestSupport.ENV.busyboxImage())
                        .build("export README=$(cat README) COMMIT=$CODEBUILD_RESOLVED_SOURCE_VERSION",
                                "export FILES=\"$(ls -A | tr '\\n' ' ')\"", "[ -x bin/run.sh ] && ./bin/run.sh")
                        .exportedVariables("README", "COMMIT", "FILES"))
                .build();
        return runtime.run(p);
    }

    @Test
    void aBranchTagOrCommitIsCheckedOutAndItsCommitReachesTheBuild() {
        PipelineResult master = runWithBuild(git(GitRepos.url(repo)).branch("master"));
        PipelineResult byDefault = runWithBuild(git(GitRepos.url(repo)));
        PipelineResult tag = runWithBuild(git(GitRepos.url(repo)).tag("v1"));
        PipelineResult commit = runWithBuild(git(GitRepos.url(repo)).commit(first.name().substring(0, 10)));

        assertThat(master.source("Source").commit()).isEqualTo(second.name());
        assertThat(master.build("Build").exportedVariables()).containsEntry("README", "two").containsEntry("COMMIT", second.name())
                .containsEntry("FILES", "README bin ");
        assertThat(byDefault.source("Source").commit()).isEqualTo(second.name());
        assertThat(tag.source("Source").commit()).isEqualTo(first.name());
        assertThat(tag.build("Build").exportedVariables()).containsEntry("README", "one");
        assertThat(commit.source("Source").commit()).isEqualTo(first.name());
    }

    @Test
    void laterRunsFetchNewCommitsIntoTheCachedMirror() throws Exception {
        Git moving = GitRepos.create(tmp.resolve("moving"));
        GitRepos.commit(moving, "one", Map.of("README", "old\n", "bin/run.sh", "#!/bin/sh\n"), Set.of("bin/run.sh"));
        SourceResult before = runtime.run(pipeline("moving").stage("Source", git(GitRepos.url(moving)).branch("master"))
                .stage("Build", codeBuild("moving").image(DockerTestSupport.ENV.busyboxImage()).build("true")).build()).source("Source");
        RevCommit next = GitRepos.commit(moving, "two", Map.of("README", "new\n"));

        PipelineResult after = runWithBuild(git(GitRepos.url(moving)).branch("master"));

        assertThat(before.commit()).isNotEqualTo(next.name());
        assertThat(after.source("Source").commit()).isEqualTo(next.name());
        assertThat(after.build("Build").exportedVariables()).containsEntry("README", "new");
        try (var mirrors = Files.list(runtime.cacheDirectory().resolve("git"))) {
            assertThat(mirrors.filter(p -> p.getFileName().toString().startsWith("moving-"))
                    .filter(p -> p.toString().endsWith(".git"))).hasSize(1);
        }
        moving.close();
    }

    @Test
    void aWrongUrlOrRefFailsTheSourceActionNamingIt() {
        String missing = tmp.resolve("no-such-repo").toUri().toString();
        PipelineResult wrongUrl = runWithBuild(git(missing));
        PipelineResult wrongBranch = runWithBuild(git(GitRepos.url(repo)).branch("nope"));
        PipelineResult wrongTag = runWithBuild(git(GitRepos.url(repo)).tag("v9"));
        PipelineResult wrongCommit = runWithBuild(git(GitRepos.url(repo)).commit("0123456789abcdef0123456789abcdef01234567"));

        assertThat(wrongUrl.status()).isEqualTo(Status.FAILED);
        assertThat(wrongUrl.findStage("Build")).isEmpty();
        assertThat(wrongUrl.source("Source").failure().map(Failure::message).orElseThrow()).contains(missing);
        assertThat(wrongBranch.source("Source").failure().map(Failure::message).orElseThrow()).contains("branch 'nope' not found");
        assertThat(wrongTag.source("Source").failure().map(Failure::message).orElseThrow()).contains("tag 'v9' not found");
        assertThat(wrongCommit.source("Source").failure().map(Failure::message).orElseThrow()).contains("0123456789abcdef");
        assertThat(wrongUrl.source("Source").failure().orElseThrow().code()).isEqualTo(Failure.SOURCE_ERROR);
    }

    @Test
    void aLocalDirectoryIsTheSourceAsItIsWithUncommittedChanges() throws Exception {
        Git work = GitRepos.create(tmp.resolve("work"));
        RevCommit head = GitRepos.commit(work, "committed", Map.of("README", "committed\n", "bin/run.sh", "#!/bin/sh\n"), Set.of("bin/run.sh"));
        Files.writeString(tmp.resolve("work/README"), "uncommitted\n");
        Files.writeString(tmp.resolve("work/NEW"), "new\n");

        PipelineResult result = runWithBuild(localPath(tmp.resolve("work/./bin/..")));

        assertThat(result.source("Source").commit()).isEqualTo(head.name());
        assertThat(result.source("Source").location()).isEqualTo(tmp.resolve("work").toAbsolutePath().toString());
        BuildResult build = result.build("Build");
        assertThat(build.exportedVariables()).containsEntry("README", "uncommitted").containsEntry("COMMIT", head.name());
        assertThat(build.exportedVariables().get("FILES")).contains(".git", "NEW");
        assertThat(Files.readString(tmp.resolve("work/README"))).isEqualTo("uncommitted\n");
        work.close();
    }

    @Test
    void aBuildspecFileMissingFromTheSourceIsAYamlFileErrorInDownloadSource() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("no-buildspec"));
        Files.writeString(dir.resolve("README"), "no buildspec here\n");
        Files.writeString(dir.resolve("ci.yml"), "version: 0.2\nphases:\n  build:\n    commands:\n      - export FROM_FILE=yes\n"
                + "env:\n  exported-variables:\n    - FROM_FILE\n");

        PipelineResult missing = runtime.run(pipeline("nospec").stage("Source", localPath(dir))
                .stage("Build", codeBuild("nospec").image(DockerTestSupport.ENV.busyboxImage())).build());
        PipelineResult other = runtime.run(pipeline("otherspec").stage("Source", localPath(dir))
                .stage("Build", codeBuild("otherspec").image(DockerTestSupport.ENV.busyboxImage()).buildspecFromSource("ci.yml")).build());

        BuildResult build = missing.build("Build");
        assertThat(build.phase(dev.slipway.core.PhaseType.DOWNLOAD_SOURCE).status()).isEqualTo(Status.FAILED);
        assertThat(build.phase(dev.slipway.core.PhaseType.DOWNLOAD_SOURCE).failure().orElseThrow())
                .satisfies(f -> assertThat(f.code()).isEqualTo(Failure.YAML_FILE_ERROR))
                .satisfies(f -> assertThat(f.message()).matches("stat /codebuild/output/src\\d{9}/src/buildspec.yml: no such file or directory"));
        assertThat(build.ran(dev.slipway.core.PhaseType.BUILD)).isFalse();
        assertThat(other.build("Build").exportedVariables()).containsEntry("FROM_FILE", "yes");
    }

    @Test
    void aRepositoryServedByGitDaemonOnLoopbackIsCloned() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
                "--port=" + port, "--base-path=" + tmp, tmp.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("git-daemon.log").toFile()).start();
        try {
            int p = port;
            assertThat(DockerTestSupport.awaitCondition(Duration.ofSeconds(10), () -> accepts(p))).as("git daemon listens").isTrue();
            PipelineResult result = runWithBuild(git("git://127.0.0.1:" + port + "/app").branch("feature"));

            assertThat(result.status()).as(result.toString()).isEqualTo(Status.SUCCEEDED);
            assertThat(result.source("Source").commit()).isEqualTo(feature.name());
            assertThat(result.build("Build").exportedVariables().get("FILES")).contains("FEATURE");
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
