package dev.slipway.runtime.local.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.slipway.runtime.local.DockerUnavailableException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Docker clients of one runtime: the main one (no response timeout: attach streams and pushes last as
 * long as builds do) and a probe with short timeouts, so that a daemon that is not there is reported at once
 * instead of hanging a run.
 */
public final class DockerClients implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final String host;
    private final DockerClient client;
    private final DockerClient probe;

    private DockerClients(String host, DockerClient client, DockerClient probe) {
        this.host = host;
        this.client = client;
        this.probe = probe;
    }

    /**
     * Clients for {@code host} ({@code unix:///var/run/docker.sock}, {@code tcp://127.0.0.1:2375}); TLS when
     * {@code tlsCertPath} is given. Connects lazily: nothing is contacted yet.
     */
    public static DockerClients create(String host, Optional<Path> tlsCertPath, Path dockerConfigDirectory) {
        DefaultDockerClientConfig.Builder builder = new DefaultDockerClientConfig.Builder()
                .withDockerHost(host)
                .withDockerConfig(dockerConfigDirectory.toString());
        tlsCertPath.ifPresent(path -> builder.withDockerTlsVerify(true).withDockerCertPath(path.toString()));
        DefaultDockerClientConfig config = builder.build();
        DockerHttpClient main = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConnections(200)
                .build();
        DockerHttpClient probe = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(PROBE_TIMEOUT)
                .maxConnections(2)
                .build();
        return new DockerClients(host, DockerClientImpl.getInstance(config, main), DockerClientImpl.getInstance(config, probe));
    }

    public String host() {
        return host;
    }

    public DockerClient client() {
        return client;
    }

    /** Throws {@link DockerUnavailableException} unless the daemon answers a ping within a few seconds. */
    public void requireReachable() {
        try {
            probe.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new DockerUnavailableException(host, DockerFaults.describe(e), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
        closeQuietly(probe);
    }

    private static void closeQuietly(DockerClient c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(DockerClients.class).debug("closing a Docker client failed", e);
        }
    }
}
