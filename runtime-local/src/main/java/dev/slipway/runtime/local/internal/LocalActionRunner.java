package dev.slipway.runtime.local.internal;

import dev.slipway.core.ActionResult;
import dev.slipway.core.BuildAction;
import dev.slipway.core.PublishAction;
import dev.slipway.core.SourceAction;
import dev.slipway.core.spi.ActionContext;
import dev.slipway.core.spi.ActionRunner;
import dev.slipway.core.spi.BuildLifecycle;
import dev.slipway.core.spi.BuildRequest;

import java.nio.file.Path;

/**
 * LocalRuntime's part of the {@link dev.slipway.core.spi.PipelineExecutor}: a source action checks out,
 * a build action runs through core's {@link BuildLifecycle} in a {@link ContainerBuildHost}, a publish action
 * pushes an image. A run's files go under {@code <workspace>/<run id>/}: {@code artifacts/<name>/} and
 * {@code logs/<stage>.<action>.<attempt>.log}.
 */
public final class LocalActionRunner implements ActionRunner {
    private final LocalServices services;
    private final SourceCheckout sources;
    private final ImagePublisher publisher;

    public LocalActionRunner(LocalServices services) {
        this.services = services;
        this.sources = new SourceCheckout(services);
        this.publisher = new ImagePublisher(services);
    }

    @Override
    public ActionResult run(ActionContext context) {
        Path run = services.runDirectory(context.runId());
        if (context.action() instanceof SourceAction source) {
            return sources.checkout(context, source, run.resolve("artifacts").resolve(source.outputArtifact()));
        }
        if (context.action() instanceof BuildAction build) {
            return build(context, build, run);
        }
        return publisher.publish(context, (PublishAction) context.action());
    }

    private ActionResult build(ActionContext context, BuildAction action, Path run) {
        long number = services.buildNumbers().next(action.projectName());
        String buildId = BuildRequest.newBuildId(action.projectName());
        Path logFile = run.resolve("logs").resolve(safe(context.stage()) + "." + safe(action.name()) + "."
                + context.attempt() + ".log");
        try (BuildLog log = new BuildLog(logFile, context.stage(), action.name(), context.listener())) {
            ActionContext logged = new ActionContext(context.runId(), context.pipeline(), context.stage(), action,
                    context.attempt(), context.options(), context.inputs(), context.exportedVariables(), log,
                    context.clock(), context.stopSignal());
            BuildRequest request = new BuildRequest(logged, action, buildId, number, services.region(),
                    services.accountId(), services.secrets());
            try (ContainerBuildHost host = new ContainerBuildHost(services, logged, action, buildId,
                    run.resolve("artifacts"), logFile)) {
                return BuildLifecycle.run(request, host);
            }
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.@-]", "_");
    }
}
