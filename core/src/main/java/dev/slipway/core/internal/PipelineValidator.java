package dev.slipway.core.internal;

import dev.slipway.core.Action;
import dev.slipway.core.BuildAction;
import dev.slipway.core.BuildEnvironment;
import dev.slipway.core.BuildSpec;
import dev.slipway.core.ImageSource;
import dev.slipway.core.Pipeline;
import dev.slipway.core.Problem;
import dev.slipway.core.PublishAction;
import dev.slipway.core.SourceAction;
import dev.slipway.core.SourceLocation;
import dev.slipway.core.Stage;
import dev.slipway.core.spi.Templates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a pipeline against the rules that make it run and deploy: AWS's name rules (CODEBUILD.md §5.2),
 * artifact wiring, build settings and tag templates. Reports every problem, each with its path.
 * CodePipeline's structural rules (a source stage first, two stages at least) and quotas are checked by
 * AwsRuntime, because a pipeline that is only a build runs fine locally.
 */
public final class PipelineValidator {
    static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9.@\\-_]{1,100}");
    static final Pattern ARTIFACT_NAME = Pattern.compile("[a-zA-Z0-9_\\-]{1,100}");
    static final Pattern PROJECT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-_]{1,149}");
    static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,127}");
    static final Pattern CONNECTION_ARN = Pattern.compile("arn:aws[a-z\\-]*:(codestar-connections|codeconnections):[a-z0-9\\-]+:\\d{12}:connection/[A-Za-z0-9\\-]+");
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

    private final Pipeline pipeline;
    private final List<Problem> problems = new ArrayList<>();

    private PipelineValidator(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public static List<Problem> validate(Pipeline pipeline) {
        PipelineValidator v = new PipelineValidator(pipeline);
        v.check();
        return List.copyOf(v.problems);
    }

    private void check() {
        name("", "pipeline name", pipeline.name(), PIPELINE_NAME, "1–100 letters, digits and . @ - _");
        if (pipeline.stages().isEmpty()) {
            problem("", "has no stages: add one with .stage(name, action)");
        }
        Set<String> stageNames = new HashSet<>();
        Map<String, String> outputs = new HashMap<>();           // artifact → where it was produced
        Map<String, List<String>> exportsSoFar = new HashMap<>(); // action → exported variable names
        Map<String, BuildAction> projects = new HashMap<>();
        for (Stage stage : pipeline.stages()) {
            String stagePath = "stage '" + stage.name() + "'";
            name(stagePath, "stage name", stage.name(), PIPELINE_NAME, "1–100 letters, digits and . @ - _");
            if (!stageNames.add(stage.name())) {
                problem(stagePath, "stage names must be unique in a pipeline");
            }
            if (stage.actions().isEmpty()) {
                problem(stagePath, "has no actions");
            }
            Set<String> actionNames = new HashSet<>();
            Map<String, String> stageOutputs = new HashMap<>();
            Map<String, List<String>> stageExports = new HashMap<>();
            for (List<Action> group : stage.actionsByRunOrder().values()) {
                Map<String, String> groupOutputs = new HashMap<>();
                for (Action action : group) {
                    String path = stagePath + " › action '" + action.name() + "'";
                    name(path, "action name", action.name(), PIPELINE_NAME, "1–100 letters, digits and . @ - _");
                    if (!actionNames.add(action.name())) {
                        problem(path, "action names must be unique in a stage");
                    }
                    if (action.runOrder() < 1 || action.runOrder() > 999) {
                        problem(path + " › runOrder", "must be within 1..999, got " + action.runOrder());
                    }
                    for (int i = 0; i < action.inputArtifacts().size(); i++) {
                        String input = action.inputArtifacts().get(i);
                        if (!outputs.containsKey(input) && !stageOutputs.containsKey(input)) {
                            problem(path + " › inputArtifacts[" + i + "]", "'" + input + "' is not produced by an earlier action"
                                    + (groupOutputs.containsKey(input) ? " (it is produced by a parallel action with the same run order)" : "")
                                    + knownArtifacts(outputs, stageOutputs));
                        }
                    }
                    for (int i = 0; i < action.outputArtifacts().size(); i++) {
                        String output = action.outputArtifacts().get(i);
                        String where = path + " › outputArtifacts[" + i + "]";
                        name(where, "artifact name", output, ARTIFACT_NAME, "1–100 letters, digits, - and _");
                        if (outputs.containsKey(output) || stageOutputs.containsKey(output) || groupOutputs.containsKey(output)) {
                            problem(where, "'" + output + "' is already produced by another action; artifact names must be unique");
                        }
                        groupOutputs.put(output, path);
                    }
                    if (action instanceof SourceAction source) {
                        source(path, source);
                    } else if (action instanceof BuildAction build) {
                        build(path, build, projects);
                        stageExports.put(build.name(), build.exportedVariables());
                    } else if (action instanceof PublishAction publish) {
                        publish(path, publish, merge(exportsSoFar, stageExports));
                    }
                }
                stageOutputs.putAll(groupOutputs);
            }
            outputs.putAll(stageOutputs);
            exportsSoFar.putAll(stageExports);
        }
    }

    private static Map<String, List<String>> merge(Map<String, List<String>> a, Map<String, List<String>> b) {
        Map<String, List<String>> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }

    private static String knownArtifacts(Map<String, String> outputs, Map<String, String> stageOutputs) {
        Set<String> known = new java.util.TreeSet<>(outputs.keySet());
        known.addAll(stageOutputs.keySet());
        return known.isEmpty() ? "" : "; artifacts so far: " + known;
    }

    private void source(String path, SourceAction source) {
        if (source.location() instanceof SourceLocation.GitRepository git) {
            if (git.url().isBlank()) {
                problem(path + " › url", "must not be blank");
            }
            git.connectionArn().filter(arn -> !CONNECTION_ARN.matcher(arn).matches()).ifPresent(arn ->
                    problem(path + " › connection", "'" + arn + "' is not a CodeStar connection ARN "
                            + "(arn:aws:codestar-connections:<region>:<account>:connection/<id>)"));
        } else if (source.location() instanceof SourceLocation.LocalDirectory dir && dir.path().toString().isBlank()) {
            problem(path + " › path", "must not be blank");
        }
        if (source.ref().kind() != dev.slipway.core.GitRef.Kind.DEFAULT_BRANCH && source.ref().value().isBlank()) {
            problem(path + " › " + source.ref().kind().name().toLowerCase(), "must not be blank");
        }
    }

    private void build(String path, BuildAction build, Map<String, BuildAction> projects) {
        name(path + " › project", "CodeBuild project name", build.projectName(), PROJECT_NAME,
                "2–150 letters, digits, - and _, starting with a letter or digit");
        BuildAction same = projects.putIfAbsent(build.projectName(), build);
        if (same != null && (!same.environment().equals(build.environment()) || !same.buildSpec().equals(build.buildSpec()))) {
            problem(path + " › project", "project '" + build.projectName() + "' is also used by action '" + same.name()
                    + "' with other settings; give each build a project name of its own");
        }
        BuildEnvironment env = build.environment();
        if (env.image().isBlank()) {
            problem(path + " › image", "must not be blank");
        }
        if (env.timeout().compareTo(MIN_TIMEOUT) < 0 || env.timeout().compareTo(BuildEnvironment.MAX_TIMEOUT) > 0) {
            problem(path + " › timeout", "must be within 1 second and 36 hours, got " + env.timeout());
        }
        env.variables().keySet().forEach(name -> variableName(path + " › env › " + name, name));
        if (build.inputArtifacts().size() > 5) {
            problem(path + " › inputArtifacts", "a build takes at most 5 input artifacts, got " + build.inputArtifacts().size());
        }
        if (build.outputArtifacts().size() > 5) {
            problem(path + " › outputArtifacts", "a build produces at most 5 output artifacts, got " + build.outputArtifacts().size());
        }
        build.buildSpec().ifPresent(spec -> buildSpec(path + " › buildspec", build, spec));
    }

    private void buildSpec(String path, BuildAction build, BuildSpec spec) {
        if (spec.phases().isEmpty()) {
            problem(path, "has no phases: add commands (.build(\"make\")) or give a buildspec");
        }
        spec.env().variables().keySet().forEach(name -> variableName(path + " › env.variables." + name, name));
        spec.env().parameterStore().keySet().forEach(name -> variableName(path + " › env.parameter-store." + name, name));
        spec.env().secretsManager().keySet().forEach(name -> variableName(path + " › env.secrets-manager." + name, name));
        for (String exported : spec.env().exportedVariables()) {
            if (exported.startsWith("AWS_")) {
                problem(path + " › env.exported-variables", "'" + exported + "' cannot be exported: names starting with AWS_ are not exportable");
            }
        }
        spec.artifacts().filter(a -> a.files().isEmpty()).ifPresent(a -> problem(path + " › artifacts.files",
                "is required, even when only secondary artifacts are wanted (CodeBuild fails the build with "
                        + "CLIENT_ERROR: no definition for primary artifacts in buildspec)"));
        List<String> outputs = build.outputArtifacts();
        if (!outputs.isEmpty() && spec.artifacts().isEmpty()) {
            problem(path + " › artifacts", "the build declares output artifact '" + outputs.get(0)
                    + "' but its buildspec has no artifacts section (CodeBuild fails with CLIENT_ERROR)");
        }
        if (outputs.size() > 1) {
            Set<String> secondary = spec.artifacts().map(a -> a.secondaryArtifacts().keySet()).orElse(Set.of());
            for (String output : outputs.subList(1, outputs.size())) {
                if (!secondary.contains(output)) {
                    problem(path + " › artifacts.secondary-artifacts", "output artifact '" + output
                            + "' needs a secondary-artifacts entry of that name; found " + secondary);
                }
            }
        }
        Optional<BuildSpec.Phase> install = spec.phase(dev.slipway.core.PhaseType.INSTALL);
        for (BuildSpec.Phase phase : spec.phases().values()) {
            if (phase != install.orElse(null) && !phase.runtimeVersions().isEmpty()) {
                problem(path, "runtime-versions is only allowed in the install phase");
            }
        }
    }

    private void variableName(String path, String name) {
        if (name.startsWith("CODEBUILD_")) {
            problem(path, "names starting with CODEBUILD_ are reserved for CodeBuild");
        } else if (!VARIABLE_NAME.matcher(name).matches()) {
            problem(path, "'" + name + "' is not a valid variable name (letters, digits and _, not starting with a digit)");
        }
    }

    private void publish(String path, PublishAction publish, Map<String, List<String>> exports) {
        if (!REPOSITORY.matcher(publish.repository()).matches()) {
            problem(path + " › repository", "'" + publish.repository()
                    + "' is not a valid image repository name (lowercase letters, digits, separators . _ - and /)");
        }
        if (publish.registry() instanceof dev.slipway.core.Registry.Docker docker && docker.host().isBlank()) {
            problem(path + " › registry", "must not be blank: add .to(registry(\"host:port\")) or .to(ecr())");
        }
        if (publish.tags().isEmpty()) {
            problem(path + " › tags", "give at least one tag, for example .tag(\"latest\")");
        }
        for (int i = 0; i < publish.tags().size(); i++) {
            String tag = publish.tags().get(i);
            String where = path + " › tags[" + i + "]";
            List<Templates.Reference> refs = Templates.references(tag);
            String literal = Templates.literalParts(tag);
            if (refs.isEmpty() && !TAG.matcher(tag).matches()) {
                problem(where, "'" + tag + "' is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)");
            } else if (!literal.isEmpty() && !literal.matches("[A-Za-z0-9_.\\-]*")) {
                problem(where, "'" + tag + "' has characters a tag cannot hold");
            }
            for (Templates.Reference ref : refs) {
                if (!exportedSomewhere(ref, exports)) {
                    problem(where, "'" + tag + "' uses " + ref + ", which no earlier build exports (add it to the build's exported variables)");
                }
            }
        }
        if (publish.source() instanceof ImageSource.LocalImage local) {
            for (Templates.Reference ref : Templates.references(local.reference())) {
                if (!exportedSomewhere(ref, exports)) {
                    problem(path + " › source", "'" + local.reference() + "' uses " + ref
                            + ", which no earlier build exports (add it to the build's exported variables)");
                }
            }
        }
        if (publish.source() instanceof ImageSource.Dockerfile && publish.inputArtifacts().isEmpty()) {
            problem(path + " › source", "building from a Dockerfile needs an input artifact holding it: "
                    + "place the publish action after a build or source action");
        }
    }

    /** A build whose buildspec is read from the source at run time could export anything: it is given the benefit. */
    private boolean exportedSomewhere(Templates.Reference ref, Map<String, List<String>> exports) {
        boolean unknownExports = pipeline.actions().anyMatch(a -> a instanceof BuildAction b && b.buildSpec().isEmpty()
                && (ref.action().isEmpty() || ref.action().get().equals(b.name())));
        if (unknownExports) {
            return true;
        }
        if (ref.action().isPresent()) {
            return exports.getOrDefault(ref.action().get(), List.of()).contains(ref.variable());
        }
        return exports.values().stream().anyMatch(vars -> vars.contains(ref.variable()));
    }

    private void name(String path, String what, String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            problem(path.isEmpty() ? what : path, "'" + value + "' is not a valid " + what + ": " + rule);
        }
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }
}
