package dev.slipway.runtime.local.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.slipway.core.Failure;
import dev.slipway.core.ImageSource;
import dev.slipway.core.PublishAction;
import dev.slipway.core.PublishResult;
import dev.slipway.core.Registry;
import dev.slipway.core.RunEvent;
import dev.slipway.core.Status;
import dev.slipway.core.spi.ActionContext;
import dev.slipway.core.spi.ArtifactInput;
import dev.slipway.core.spi.Templates;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The publish action: builds the image from a Dockerfile in the input artifact (on the machine's daemon) or
 * takes an image a build left there, tags it {@code registry/repository:tag} for every tag (templates
 * resolved against exported variables), pushes each tag and reports the manifest digest the registry
 * answered with. Push progress goes to listeners as log lines, one per layer state.
 */
public final class ImagePublisher {
    private final LocalServices services;

    public ImagePublisher(LocalServices services) {
        this.services = services;
    }

    public PublishResult publish(ActionContext context, PublishAction action) {
        Instant start = context.clock().instant();
        String host = registryHost(action.registry());
        String image = host + "/" + action.repository();
        List<String> tags = new ArrayList<>();
        try {
            for (String tag : action.tags()) {
                tags.add(Templates.expand(tag, context::variable));
            }
        } catch (IllegalArgumentException e) {
            return result(context, action, start, Status.FAILED, Optional.of(Failure.of(Failure.PUBLISH_ERROR, e.getMessage())),
                    image, action.tags(), "");
        }
        DockerCalls calls = services.calls().reportingTo((what, attempt, delay, reason) -> context.emit(
                new RunEvent.Retrying(context.runId(), context.clock().instant(), context.stage(), action.name(), what,
                        attempt, delay, reason)));
        AtomicReference<ResultCallback<?>> running = new AtomicReference<>();
        AutoCloseable stopRegistration = context.stopSignal().onStop(() -> closeQuietly(running.get()));
        try {
            String imageId = source(context, action, image, tags, calls, running);
            for (String tag : tags) {
                calls.run("tag image", () -> services.docker().tagImageCmd(imageId, image, tag).withForce().exec());
            }
            Optional<AuthConfig> auth = auth(action.registry(), host);
            String digest = "";
            for (String tag : tags) {
                digest = push(context, image, tag, auth, calls, running);
                if (context.stopSignal().isStopped()) {
                    break;
                }
            }
            if (context.stopSignal().isStopped()) {
                return result(context, action, start, Status.STOPPED,
                        Optional.of(Failure.of(Failure.BUILD_STOPPED, "the push was stopped")), image, tags, "");
            }
            context.log(null, "Pushed " + image + " " + tags + " " + digest);
            return result(context, action, start, Status.SUCCEEDED, Optional.empty(), image, tags, digest);
        } catch (PublishFailure e) {
            context.log(null, e.getMessage());
            Status status = context.stopSignal().isStopped() ? Status.STOPPED : e.status;
            return result(context, action, start, status, Optional.of(Failure.of(
                    status == Status.FAULT ? Failure.FAULT : Failure.PUBLISH_ERROR, e.getMessage())), image, tags, "");
        } catch (RuntimeException e) {
            Status status = context.stopSignal().isStopped() ? Status.STOPPED
                    : DockerFaults.isConnectionFault(e) ? Status.FAULT : Status.FAILED;
            String message = "publishing " + image + " failed: " + DockerFaults.describe(e);
            context.log(null, message);
            return result(context, action, start, status, Optional.of(Failure.of(
                    status == Status.FAULT ? Failure.FAULT : Failure.PUBLISH_ERROR, message)), image, tags, "");
        } finally {
            closeQuietly(stopRegistration);
        }
    }

    private String source(ActionContext context, PublishAction action, String image, List<String> tags, DockerCalls calls,
                          AtomicReference<ResultCallback<?>> running) throws PublishFailure {
        if (action.source() instanceof ImageSource.LocalImage local) {
            String reference;
            try {
                reference = Templates.expand(local.reference(), context::variable);
            } catch (IllegalArgumentException e) {
                throw new PublishFailure(Status.FAILED, e.getMessage());
            }
            try {
                return calls.call("inspect image", () -> services.docker().inspectImageCmd(reference).exec()).getId();
            } catch (NotFoundException e) {
                throw new PublishFailure(Status.FAILED, "image " + reference + " is not on the Docker daemon: "
                        + "a build with hostDockerSocket(true) can leave it there");
            }
        }
        ImageSource.Dockerfile dockerfile = (ImageSource.Dockerfile) action.source();
        Path artifact = inputDirectory(context);
        Path contextDir = artifact.resolve(dockerfile.context()).normalize();
        Path file = artifact.resolve(dockerfile.dockerfile()).normalize();
        if (!Files.isRegularFile(file)) {
            throw new PublishFailure(Status.FAILED, "no Dockerfile at " + dockerfile.dockerfile() + " in artifact "
                    + context.primaryInput().map(ArtifactInput::name).orElse("?") + " (" + artifact + ")");
        }
        Set<String> targets = new LinkedHashSet<>();
        tags.forEach(tag -> targets.add(image + ":" + tag));
        context.log(null, "Building " + image + " from " + file);
        BuildImageResultCallback callback = new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null && !item.getStream().isBlank()) {
                    item.getStream().lines().forEach(line -> context.log(null, line));
                }
                super.onNext(item);
            }
        };
        running.set(callback);
        try {
            return services.docker().buildImageCmd()
                    .withBaseDirectory(contextDir.toFile())
                    .withDockerfile(file.toFile())
                    .withTags(targets)
                    .withPull(false)
                    .exec(callback)
                    .awaitImageId();
        } catch (RuntimeException e) {
            throw new PublishFailure(DockerFaults.isConnectionFault(e) ? Status.FAULT : Status.FAILED,
                    "docker build of " + file + " failed: " + DockerFaults.describe(e));
        }
    }

    private String push(ActionContext context, String image, String tag, Optional<AuthConfig> auth, DockerCalls calls,
                        AtomicReference<ResultCallback<?>> running) throws PublishFailure {
        context.log(null, "Pushing " + image + ":" + tag);
        PushProgress progress = calls.call("push image", () -> {
            PushProgress callback = new PushProgress(context);
            running.set(callback);
            var push = services.docker().pushImageCmd(image).withTag(tag);
            auth.ifPresent(push::withAuthConfig);
            try {
                push.exec(callback).awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return callback;
        });
        if (progress.error != null) {
            throw new PublishFailure(Status.FAILED, "push of " + image + ":" + tag + " failed: " + progress.error);
        }
        if (progress.digest == null && !context.stopSignal().isStopped()) {
            throw new PublishFailure(Status.FAILED, "the registry answered the push of " + image + ":" + tag + " without a digest");
        }
        return progress.digest == null ? "" : progress.digest;
    }

    private Optional<AuthConfig> auth(Registry registry, String host) throws PublishFailure {
        if (registry instanceof Registry.Docker docker && docker.credentials().isPresent()) {
            return Optional.of(services.registryAuth().explicit(host, docker.credentials().get()));
        }
        if (registry instanceof Registry.Ecr ecr) {
            try {
                return Optional.of(EcrTokens.authorization(host, ecr.region().orElse(services.region()),
                        ecr.accountId().orElse(services.accountId())));
            } catch (IllegalStateException e) {
                throw new PublishFailure(Status.FAILED, e.getMessage());
            } catch (RuntimeException e) {
                throw new PublishFailure(Status.FAILED, "cannot get an ECR authorization token: " + e.getMessage());
            }
        }
        return services.registryAuth().fromDockerConfig(host);
    }

    private String registryHost(Registry registry) {
        if (registry instanceof Registry.Ecr ecr) {
            return ecr.host(services.accountId(), services.region());
        }
        return RegistryAuth.normalize(((Registry.Docker) registry).host());
    }

    private static Path inputDirectory(ActionContext context) throws PublishFailure {
        ArtifactInput input = context.primaryInput().orElseThrow(() -> new PublishFailure(Status.FAILED,
                "building from a Dockerfile needs an input artifact: give the publish action input(...)"));
        URI location = input.artifact().location();
        if (!"file".equals(location.getScheme())) {
            throw new PublishFailure(Status.FAULT, "LocalRuntime reads artifacts from local directories only, not " + location);
        }
        return Path.of(location);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // the stream or registration is going away anyway
            }
        }
    }

    private static PublishResult result(ActionContext context, PublishAction action, Instant start, Status status,
                                        Optional<Failure> failure, String image, List<String> tags, String digest) {
        return new PublishResult(action.name(), status, start, Duration.between(start, context.clock().instant()),
                failure, image, tags, digest);
    }

    /** Push answers: progress lines (one per layer state, not per byte), the digest, the first error. */
    private static final class PushProgress extends ResultCallback.Adapter<PushResponseItem> {
        private final ActionContext context;
        private volatile String digest;
        private volatile String error;

        PushProgress(ActionContext context) {
            this.context = context;
        }

        @Override
        public void onNext(PushResponseItem item) {
            if (item.isErrorIndicated()) {
                if (error == null) {
                    error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                            ? item.getErrorDetail().getMessage() : item.toString();
                }
                return;
            }
            if (item.getAux() != null && item.getAux().getDigest() != null) {
                digest = item.getAux().getDigest();
            }
            boolean byteProgress = item.getProgressDetail() != null && item.getProgressDetail().getCurrent() != null;
            if (item.getStatus() != null && !byteProgress) {
                context.log(null, (item.getId() == null ? "" : item.getId() + ": ") + item.getStatus());
            }
        }
    }

    private static final class PublishFailure extends Exception {
        private final Status status;

        PublishFailure(Status status, String message) {
            super(message);
            this.status = status;
        }
    }
}
