package dev.slipway.runtime.local.internal;

import dev.slipway.core.BuildSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One artifact set of a buildspec ({@code artifacts} or one of its {@code secondary-artifacts}) as rules on
 * paths relative to {@code CODEBUILD_SRC_DIR}: which files belong to it and where they go in the output.
 * CodeBuild's rules: {@code files} are relative to {@code base-directory} (itself a path or a glob whose
 * matching directory is not part of the output, only its contents); {@code exclude-paths} leave files out;
 * {@code discard-paths} keeps file names only. A {@code files} entry that names a directory takes everything
 * below it.
 */
public final class ArtifactRules {
    private final Optional<Glob> base;
    private final List<Glob> files;
    private final List<Glob> excludes;
    private final boolean discardPaths;
    private final Set<String> matchedPatterns = new LinkedHashSet<>();

    private ArtifactRules(Optional<Glob> base, List<Glob> files, List<Glob> excludes, boolean discardPaths) {
        this.base = base;
        this.files = files;
        this.excludes = excludes;
        this.discardPaths = discardPaths;
    }

    public static ArtifactRules of(BuildSpec.Artifacts artifacts) {
        Optional<Glob> base = artifacts.baseDirectory().map(Glob::of).filter(g -> !g.text().isEmpty());
        return new ArtifactRules(base, artifacts.files().stream().map(Glob::of).toList(),
                artifacts.excludePaths().stream().map(Glob::of).toList(), artifacts.discardPaths().orElse(false));
    }

    /** The directory (relative to the source directory, "" for itself) below which every match lies. */
    public String root() {
        if (base.isPresent()) {
            return base.get().isLiteral() ? base.get().text() : base.get().literalDirectory();
        }
        String common = null;
        for (Glob glob : files) {
            String dir = glob.literalDirectory();
            common = common == null ? dir : commonDirectory(common, dir);
        }
        return common == null ? "" : common;
    }

    /** Where {@code path} (relative to the source directory) goes in the artifact, or empty if not part of it. */
    public Optional<String> target(String path) {
        Optional<String> relative = relativeToBase(path);
        if (relative.isEmpty()) {
            return Optional.empty();
        }
        String rel = relative.get();
        for (Glob exclude : excludes) {
            if (covers(exclude, rel)) {
                return Optional.empty();
            }
        }
        for (Glob glob : files) {
            if (covers(glob, rel)) {
                matchedPatterns.add(glob.text());
                return Optional.of(discardPaths ? rel.substring(rel.lastIndexOf('/') + 1) : rel);
            }
        }
        return Optional.empty();
    }

    /** The {@code files} patterns that matched nothing so far, as CodeBuild lists them ("Skipping invalid file path"). */
    public List<String> unmatchedPatterns() {
        List<String> unmatched = new ArrayList<>();
        for (Glob glob : files) {
            if (!matchedPatterns.contains(glob.text())) {
                unmatched.add(glob.text());
            }
        }
        return unmatched;
    }

    public List<String> patterns() {
        return files.stream().map(Glob::text).toList();
    }

    public Optional<String> baseDirectory() {
        return base.map(Glob::text);
    }

    private Optional<String> relativeToBase(String path) {
        if (base.isEmpty()) {
            return Optional.of(path);
        }
        Glob b = base.get();
        int slash = path.indexOf('/');
        while (slash > 0) {
            String dir = path.substring(0, slash);
            if (b.isLiteral() ? dir.equals(b.text()) : b.matches(dir)) {
                return Optional.of(path.substring(slash + 1));
            }
            slash = path.indexOf('/', slash + 1);
        }
        return Optional.empty();
    }

    private static boolean covers(Glob glob, String path) {
        return glob.matches(path) || (glob.isLiteral() && !glob.text().isEmpty() && path.startsWith(glob.text() + "/"));
    }

    private static String commonDirectory(String a, String b) {
        String[] x = a.isEmpty() ? new String[0] : a.split("/");
        String[] y = b.isEmpty() ? new String[0] : b.split("/");
        StringBuilder common = new StringBuilder();
        for (int i = 0; i < Math.min(x.length, y.length) && x[i].equals(y[i]); i++) {
            if (common.length() > 0) {
                common.append('/');
            }
            common.append(x[i]);
        }
        return common.toString();
    }
}
