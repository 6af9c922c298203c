package dev.slipway.runtime.aws.internal;

import dev.slipway.runtime.aws.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans and applies a {@link ResourceModel}: reads every resource first (only reads), then, for {@code deploy},
 * makes the calls that create or fix what differs, in dependency order: bucket, roles, repositories, projects,
 * pipeline. An unchanged pipeline costs reads only.
 */
public final class Deployment {
    private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);

    private final AwsClients clients;
    private final AwsCalls calls;

    public Deployment(AwsClients clients, AwsCalls calls) {
        this.clients = clients;
        this.calls = calls;
    }

    private record Planned(ResourceModel model, Map<String, Drift> projects, List<Drift> ordered,
                           Drift bucket, List<Drift> roles, List<Drift> repositories, Drift pipeline) {
    }

    public Plan plan(ResourceModel model) {
        return toPlan(read(model));
    }

    /** Applies the model and returns the plan it followed. */
    public Plan deploy(ResourceModel model) {
        Planned planned = read(model);
        Plan plan = toPlan(planned);
        if (!plan.hasChanges()) {
            LOG.info("pipeline {}: nothing to deploy", model.pipelineName());
            return plan;
        }
        LOG.info("{}", plan);
        model.bucket().ifPresent(b -> bucketDeployer().apply(b, planned.bucket()));
        RoleDeployer roles = new RoleDeployer(clients.iam(), calls);
        for (int i = 0; i < model.roles().size(); i++) {
            roles.apply(model.roles().get(i), planned.roles().get(i));
        }
        if (!model.repositories().isEmpty()) {
            EcrDeployer ecr = new EcrDeployer(clients.ecr(), calls);
            for (int i = 0; i < model.repositories().size(); i++) {
                ecr.apply(model.repositories().get(i), planned.repositories().get(i));
            }
        }
        if (!model.projects().isEmpty()) {
            ProjectDeployer projects = new ProjectDeployer(clients.codeBuild(), calls);
            model.projects().forEach(p -> projects.apply(p, planned.projects().get(p.name()), model));
        }
        model.pipeline().ifPresent(p -> new PipelineDeployer(clients.codePipeline(), calls).apply(p, planned.pipeline(), model));
        return plan;
    }

    private Planned read(ResourceModel model) {
        List<Drift> ordered = new ArrayList<>();
        Drift bucket = model.bucket().map(b -> bucketDeployer().plan(b)).orElse(null);
        if (bucket != null) {
            ordered.add(bucket);
        }
        RoleDeployer roleDeployer = new RoleDeployer(clients.iam(), calls);
        List<Drift> roles = model.roles().stream().map(roleDeployer::plan).toList();
        ordered.addAll(roles);
        List<Drift> repositories = model.repositories().isEmpty() ? List.of()
                : model.repositories().stream().map(new EcrDeployer(clients.ecr(), calls)::plan).toList();
        ordered.addAll(repositories);
        Map<String, Drift> projects = model.projects().isEmpty() ? Map.of()
                : new ProjectDeployer(clients.codeBuild(), calls).plan(model.projects(), model);
        model.projects().forEach(p -> ordered.add(projects.get(p.name())));
        Drift pipeline = model.pipeline().map(p -> new PipelineDeployer(clients.codePipeline(), calls).plan(p, model)).orElse(null);
        if (pipeline != null) {
            ordered.add(pipeline);
        }
        return new Planned(model, projects, ordered, bucket, roles, repositories, pipeline);
    }

    private Plan toPlan(Planned planned) {
        return new Plan(planned.model().pipelineName(), planned.model().scope().region(),
                planned.ordered().stream().map(Drift::change).toList());
    }

    private BucketDeployer bucketDeployer() {
        return new BucketDeployer(clients.s3(), calls, clients.region());
    }
}
