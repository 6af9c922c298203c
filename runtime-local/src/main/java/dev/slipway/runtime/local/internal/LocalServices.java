package dev.slipway.runtime.local.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import dev.slipway.core.SecretResolver;
import dev.slipway.runtime.local.GitCredentialsProvider;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * What one LocalRuntime holds for all its runs, handed to the classes that do the work.
 *
 * @param workspace where runs keep their artifacts and logs ({@code <workspace>/<run id>/…})
 * @param cacheDirectory git clones, build caches and build counters
 */
public record LocalServices(
        DockerClient docker,
        DockerCalls calls,
        ResourceTracker tracker,
        PrivilegedMode privilegedMode,
        RegistryAuth registryAuth,
        CacheStore cacheStore,
        BuildNumbers buildNumbers,
        Path workspace,
        Path cacheDirectory,
        String region,
        String accountId,
        SecretResolver secrets,
        GitCredentialsProvider gitCredentials,
        Clock clock,
        String owner) {

    /** Credentials to pull or push {@code ref}'s registry: an ECR token for ECR hosts, else the Docker config. */
    public Optional<AuthConfig> pullAuth(ImageRef ref) {
        String registry = ref.registryOrDockerHub();
        if (EcrTokens.isEcrHost(registry) && EcrTokens.available()) {
            String ecrRegion = EcrTokens.regionOf(registry).orElse(region);
            return Optional.of(EcrTokens.authorization(registry, ecrRegion, registry.substring(0, 12)));
        }
        return registryAuth.fromDockerConfig(registry);
    }

    public Path runDirectory(String runId) {
        return workspace.resolve(runId);
    }
}
