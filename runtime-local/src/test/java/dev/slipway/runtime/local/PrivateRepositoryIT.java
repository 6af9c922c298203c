package dev.slipway.runtime.local;

import dev.slipway.core.Credentials;
import dev.slipway.core.Pipeline;
import dev.slipway.core.PipelineResult;
import dev.slipway.core.Secret;
import dev.slipway.core.SourceResult;
import dev.slipway.core.Status;
import dev.slipway.dsl.SourceBuilder;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static dev.slipway.dsl.Slipway.credentials;
import static dev.slipway.dsl.Slipway.git;
import static dev.slipway.dsl.Slipway.pipeline;
import static dev.slipway.dsl.Slipway.secret;
import static org.assertj.core.api.Assertions.assertThat;

/** A private repository over HTTP with basic authentication, served by git's own http-backend on loopback. */
class PrivateRepositoryIT {
    private static final String TOKEN = "s3cr3t-t0ken-42";

    @TempDir
    static Path tmp;
    static LocalRuntime runtime;
    static Git repo;
    static RevCommit head;
    static GitHttpServer server;

    @BeforeAll
    static void setUp() throws Exception {
        DockerTestSupport.requireDockerAndImages();
        runtime = DockerTestSupport.runtimeBuilder(tmp).gitCredentials(GitCredentialsProvider.none()).build();
        repo = GitRepos.create(tmp.resolve("repos/private"));
        head = GitRepos.commit(repo, "private work", Map.of("README", "private\n"));
        server = GitHttpServer.start(tmp.resolve("repos"), "ci", TOKEN);
    }

    @AfterAll
    static void tearDown() {
        runtime.close();
        server.close();
        repo.close();
    }

    private static PipelineResult fetch(LocalRuntime with, SourceBuilder source) {
        Pipeline p = pipeline("private").stage("Source", source).build();
        return with.run(p);
    }

    private static void assertNoSecretIn(PipelineResult result) {
        assertThat(result.toJson()).doesNotContain(TOKEN);
        assertThat(result.toString()).doesNotContain(TOKEN);
    }

    @Test
    void credentialsOnTheSourceActionFetchIt() {
        PipelineResult result = fetch(runtime, git(server.url("private")).branch("master").credentials(credentials("ci", secret(TOKEN))));

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.source("Source").commit()).isEqualTo(head.name());
        assertNoSecretIn(result);
    }

    @Test
    void aProviderGivenToTheRuntimeFetchesIt() {
        String url = server.url("private");
        try (LocalRuntime withProvider = DockerTestSupport.runtimeBuilder(tmp.resolve("provider"))
                .gitCredentials(u -> u.equals(url) ? Optional.of(new Credentials("ci", new Secret.Value(TOKEN))) : Optional.empty())
                .build()) {
            PipelineResult result = fetch(withProvider, git(url).branch("master"));

            assertThat(result.status()).as(result.toString()).isEqualTo(Status.SUCCEEDED);
            assertThat(result.source("Source").commit()).isEqualTo(head.name());
        }
    }

    @Test
    void aTokenWrittenIntoTheUrlWorks_andIsShownNowhere() {
        String url = server.url("private").replace("http://", "http://ci:" + TOKEN + "@");

        PipelineResult result = fetch(runtime, git(url).branch("master"));

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.source("Source").location()).startsWith("http://***@127.0.0.1:");
        assertNoSecretIn(result);
    }

    @Test
    void missingOrWrongCredentialsFailTheSourceNamingTheRepository_withoutShowingThePassword() {
        String url = server.url("private");
        PipelineResult none = fetch(runtime, git(url).branch("master"));
        PipelineResult wrong = fetch(runtime, git(url.replace("http://", "http://ci:not-" + TOKEN + "@")).branch("master"));

        assertThat(none.source("Source").status()).isEqualTo(Status.FAILED);
        assertThat(none.source("Source").failure().orElseThrow().message()).isEqualTo("cannot fetch " + url
                + ": Authentication is required but no CredentialsProvider has been registered. The repository wants credentials: "
                + "give the source .credentials(credentials(user, secret)), set GIT_USERNAME and GIT_PASSWORD (or GIT_TOKEN, or "
                + "GITHUB_TOKEN), or LocalRuntime.builder().gitCredentials(...)");
        assertThat(wrong.source("Source").status()).isEqualTo(Status.FAILED);
        assertThat(wrong.source("Source").failure().orElseThrow().message())
                .startsWith("cannot fetch " + url.replace("http://", "http://***@") + ": ")
                .endsWith("The repository refused the credentials given: check the user name and password or token");
        assertNoSecretIn(none);
        assertNoSecretIn(wrong);
    }
}
