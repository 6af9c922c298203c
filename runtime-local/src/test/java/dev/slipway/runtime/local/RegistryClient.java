package dev.slipway.runtime.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks the real registry of scripts/test-env what it holds, over its HTTP API. */
final class RegistryClient {
    private static final String ACCEPT = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private final String registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RegistryClient(String registry) {
        this.registry = registry;
    }

    /** The registry's {@code Docker-Content-Digest} of {@code repository:tag}, or null when it has no such manifest. */
    String digest(String repository, String tag) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag))
                .header("Accept", ACCEPT).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("registry answered " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }
}
