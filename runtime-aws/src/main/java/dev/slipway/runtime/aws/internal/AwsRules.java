package dev.slipway.runtime.aws.internal;

import dev.slipway.core.Action;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildEnvironment;
import dev.slipway.core.Durations;
import dev.slipway.core.EnvValue;
import dev.slipway.core.GitRef;
import dev.slipway.core.ImageSource;
import dev.slipway.core.Pipeline;
import dev.slipway.core.Problem;
import dev.slipway.core.PublishAction;
import dev.slipway.core.Registry;
import dev.slipway.core.Secret;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceLocation;
import dev.slipway.core.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules only AWS imposes (CODEBUILD.md §4, §5.1, §5.3), checked before any call: a source stage first that
 * holds only source actions, at least two stages, no source action elsewhere, the quotas, CodeBuild's 5-minute
 * minimum timeout, sources CodePipeline can read, and secrets that can be deployed without storing them in plain
 * text. Core's validator has checked everything else. Paths read like core's:
 * {@code stage 'Build' › action 'Build' › timeout}.
 */
public final class AwsRules {
    static final int MAX_STAGES = 50;
    static final int MAX_ACTIONS_PER_STAGE = 50;
    static final int MAX_ACTIONS = 500;
    static final int MAX_CONFIGURATION_VALUE = 1000;

    private final List<Problem> problems = new ArrayList<>();

    private AwsRules() {
    }

    /** Problems that keep the pipeline from being deployed to CodePipeline or run there. */
    public static List<Problem> forPipeline(Pipeline pipeline) {
        AwsRules rules = new AwsRules();
        rules.structure(pipeline);
        for (int i = 0; i < pipeline.stages().size(); i++) {
            Stage stage = pipeline.stages().get(i);
            for (Action action : stage.actions()) {
                rules.action(pipeline, stage, action, i > 0);   // an action in the first stage is reported as misplaced
            }
        }
        return List.copyOf(rules.problems);
    }

    /**
     * Problems that keep one build action from running alone in CodeBuild ({@code runBuild}); a pipeline that is
     * only a build is fine.
     */
    public static List<Problem> forBuild(Pipeline pipeline, Stage stage, BuildAction build) {
        AwsRules rules = new AwsRules();
        String path = path(stage, build);
        rules.build(path, build, false);
        Optional<SourceAction> source = SourceActions.primarySource(pipeline, build);
        source.ifPresent(s -> rules.source(path(SourceActions.stageOf(pipeline, s), s), s));
        if (build.buildSpec().isEmpty() && source.isEmpty()) {
            rules.problem(path + " › buildspec", "a build run alone reads its buildspec file from its source, and it has none "
                    + (build.inputArtifacts().isEmpty() ? "" : "runBuild can fetch ('" + build.inputArtifacts().get(0) + "' is not a source action's output)")
                    + ": give the buildspec in the definition (.build(...) or .buildspec(spec))");
        }
        return List.copyOf(rules.problems);
    }

    static String path(Stage stage, Action action) {
        return "stage '" + stage.name() + "' › action '" + action.name() + "'";
    }

    private void structure(Pipeline pipeline) {
        List<Stage> stages = pipeline.stages();
        if (stages.size() < 2) {
            String build = pipeline.actions().filter(a -> a instanceof BuildAction).map(Action::name).findFirst().orElse("Build");
            problem("", "CodePipeline needs at least 2 stages (sources first, then what uses them), got " + stages.size()
                    + ": add a source stage, or run the build alone with runBuild(pipeline, \"" + build + "\")");
        }
        if (stages.size() > MAX_STAGES) {
            problem("", "CodePipeline allows at most " + MAX_STAGES + " stages, got " + stages.size());
        }
        long total = pipeline.actions().count();
        if (total > MAX_ACTIONS) {
            problem("", "CodePipeline allows at most " + MAX_ACTIONS + " actions in a pipeline, got " + total);
        }
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            if (stage.actions().size() > MAX_ACTIONS_PER_STAGE) {
                problem("stage '" + stage.name() + "'", "CodePipeline allows at most " + MAX_ACTIONS_PER_STAGE
                        + " actions in a stage, got " + stage.actions().size());
            }
            boolean hasSource = stage.actions().stream().anyMatch(a -> a instanceof SourceAction);
            if (i == 0 && !hasSource && !stage.actions().isEmpty()) {
                problem("stage '" + stage.name() + "'", "CodePipeline's first stage must hold the source actions: add a stage with "
                        + "git(url).connection(arn), codeCommit(name) or s3(bucket, key) first");
                continue;
            }
            for (Action action : stage.actions()) {
                if (i == 0 && !(action instanceof SourceAction)) {
                    problem(path(stage, action), "the first stage may hold only source actions on CodePipeline: move this action to a later stage");
                } else if (i > 0 && action instanceof SourceAction) {
                    problem(path(stage, action), "source actions must all be in the first stage on CodePipeline");
                }
            }
        }
    }

    private void action(Pipeline pipeline, Stage stage, Action action, boolean inPipeline) {
        String path = path(stage, action);
        if (action instanceof SourceAction source) {
            source(path, source);
        } else if (action instanceof BuildAction build) {
            build(path, build, inPipeline);
        } else if (action instanceof PublishAction publish) {
            publish(pipeline, path, publish);
        }
    }

    private void source(String path, SourceAction source) {
        SourceLocation location = source.location();
        if (location instanceof SourceLocation.LocalDirectory) {
            problem(path + " › path", "a local directory cannot be deployed to AWS (it runs with LocalRuntime only): "
                    + "use git(url).connection(arn), codeCommit(name) or s3(bucket, key)");
            return;
        }
        if (location instanceof SourceLocation.GitRepository git) {
            if (git.connectionArn().isEmpty()) {
                problem(path + " › connection", "CodePipeline reads '" + git.url() + "' through a CodeStar connection "
                        + "(GitHub, GitHub Enterprise Server, Bitbucket, GitLab): add .connection(\"arn:aws:codestar-connections:"
                        + "<region>:<account>:connection/<id>\")");
            }
            if (git.fullRepositoryId().isEmpty()) {
                problem(path + " › url", "'" + git.url() + "' does not name a repository as <owner>/<repo>, which a CodeStar connection needs");
            }
        }
        if (!(location instanceof SourceLocation.S3Object) && source.ref().kind() != GitRef.Kind.BRANCH) {
            String what = source.ref().kind() == GitRef.Kind.DEFAULT_BRANCH ? "" : ", not a " + source.ref().kind().name().toLowerCase();
            problem(path + " › branch", "CodePipeline's source action follows a branch" + what + ": give .branch(name)"
                    + " (runBuild builds any commit or tag with BuildOptions.sourceVersion)");
        }
    }

    private void build(String path, BuildAction build, boolean inPipeline) {
        BuildEnvironment env = build.environment();
        if (env.timeout().compareTo(BuildEnvironment.MIN_TIMEOUT) < 0 || env.timeout().compareTo(BuildEnvironment.MAX_TIMEOUT) > 0) {
            problem(path + " › timeout", "CodeBuild takes 5 minutes to 36 hours, got " + Durations.format(env.timeout()));
        } else if (env.timeout().toSeconds() % 60 != 0) {
            problem(path + " › timeout", "CodeBuild counts whole minutes, got " + Durations.format(env.timeout()));
        }
        secrets(path + " › env", env.variables());
        if (inPipeline && build.inputArtifacts().isEmpty()) {
            problem(path + " › inputArtifacts", "a CodeBuild action in CodePipeline reads 1 to 5 input artifacts: "
                    + "give it an earlier action's output with .input(...)");
        }
    }

    private void publish(Pipeline pipeline, String path, PublishAction publish) {
        if (publish.source() instanceof ImageSource.LocalImage local && publish.inputArtifacts().isEmpty()) {
            problem(path + " › source", "fromLocalImage(\"" + local.reference() + "\") cannot be published on AWS as it is: every "
                    + "CodeBuild build has a Docker daemon of its own, so an image an earlier build made is gone. Build from a "
                    + "Dockerfile (fromDockerfile), or docker save the image into an artifact and read it with .input(...)");
        }
        if (publish.inputArtifacts().size() > 5) {
            problem(path + " › inputArtifacts", "a CodeBuild action reads at most 5 input artifacts, got " + publish.inputArtifacts().size());
        }
        if (publish.registry() instanceof Registry.Docker docker) {
            docker.credentials().ifPresent(credentials -> {
                if (credentials.password() instanceof Secret.Value) {
                    problem(path + " › registry › credentials", secretValueMessage());
                }
            });
        }
        Optional<String> variables = PublishBuild.actionVariablesJson(pipeline, publish);
        if (variables.isPresent() && variables.get().length() > MAX_CONFIGURATION_VALUE) {
            problem(path + " › tags", "the tags use too many exported variables: CodePipeline passes them in a configuration value of at most "
                    + MAX_CONFIGURATION_VALUE + " characters, got " + variables.get().length());
        }
    }

    /** Secret values cannot be deployed; references can. */
    void secrets(String path, Map<String, EnvValue> variables) {
        variables.forEach((name, value) -> {
            if (value instanceof Secret.Value) {
                problem(path + " › " + name, secretValueMessage());
            }
        });
    }

    /** Problems of run-time variable overrides ({@code runBuild}). */
    public static List<Problem> forOverrides(Map<String, EnvValue> overrides) {
        AwsRules rules = new AwsRules();
        rules.secrets("overrides", overrides);
        return List.copyOf(rules.problems);
    }

    static String secretValueMessage() {
        return "a secret(...) value cannot be deployed: CodeBuild would keep it in plain text; "
                + "use parameterStore(name) or secretsManager(reference)";
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }
}
