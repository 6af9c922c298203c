package dev.slipway.runtime.aws.internal;

import dev.slipway.core.PhaseType;
import software.amazon.awssdk.services.codebuild.model.Build;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The builds of a pipeline execution: polled together, up to 100 in one BatchGetBuilds call. A build CodeBuild no
 * longer knows (three answers in a row) counts as ended.
 */
final class BuildWatchers {
    private final AwsClients clients;
    private final AwsCalls calls;
    private final RunContext ctx;
    private final Map<String, BuildWatcher> watchers = new ConcurrentHashMap<>();

    BuildWatchers(AwsClients clients, AwsCalls calls, RunContext ctx) {
        this.clients = clients;
        this.calls = calls;
        this.ctx = ctx;
    }

    void add(BuildWatcher watcher) {
        watchers.put(watcher.buildId(), watcher);
    }

    List<BuildWatcher> running() {
        return watchers.values().stream().filter(w -> !w.isComplete()).toList();
    }

    boolean anyRunning() {
        return watchers.values().stream().anyMatch(w -> !w.isComplete());
    }

    Collection<String> runningIds() {
        return running().stream().map(BuildWatcher::buildId).toList();
    }

    /** The phase whose pace is quickest among the running builds; null while one has not reported a phase yet. */
    PhaseType mostUrgentPhase() {
        PhaseType urgent = null;
        for (BuildWatcher w : running()) {
            PhaseType phase = w.currentPhase();
            if (phase == null) {
                return null;
            }
            if (urgent == null || PollSchedule.pace(phase).max().compareTo(PollSchedule.pace(urgent).max()) < 0) {
                urgent = phase;
            }
        }
        return urgent;
    }

    /** Asks CodeBuild about {@code some} of the builds. */
    void poll(List<BuildWatcher> some) {
        for (int i = 0; i < some.size(); i += 100) {
            List<String> batch = some.subList(i, Math.min(some.size(), i + 100)).stream().map(BuildWatcher::buildId).toList();
            BuildWatcher first = some.get(i);
            List<Build> builds = calls.call("codebuild:BatchGetBuilds", ctx.site(first.stage(), first.action()),
                    () -> clients.codeBuild().batchGetBuilds(b -> b.ids(batch))).builds();
            Set<String> answered = new HashSet<>();
            for (Build build : builds) {
                BuildWatcher watcher = watchers.get(build.id());
                if (watcher != null) {
                    watcher.update(build);
                    answered.add(build.id());
                }
            }
            batch.stream().filter(id -> !answered.contains(id)).forEach(id -> watchers.get(id).missing());
        }
    }
}
