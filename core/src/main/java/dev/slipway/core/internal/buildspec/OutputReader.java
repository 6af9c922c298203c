package dev.slipway.core.internal.buildspec;

import dev.slipway.core.BuildSpec;
import dev.slipway.core.internal.buildspec.NodeReader.Field;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

final class OutputReader {
    private static final List<String> ARTIFACT_KEYS = List.of(
            "files", "name", "discard-paths", "base-directory", "exclude-paths", "enable-symlinks", "s3-prefix", "secondary-artifacts");
    private static final List<String> REPORT_KEYS = List.of("files", "base-directory", "discard-paths", "file-format");
    private static final List<String> CACHE_KEYS = List.of("paths", "key", "fallback-keys", "action");
    private static final List<String> FILE_FORMATS = List.of(
            "CUCUMBERJSON", "JUNITXML", "NUNITXML", "NUNIT3XML", "TESTNGXML", "VISUALSTUDIOTRX",
            "CLOVERXML", "COBERTURAXML", "JACOCOXML", "SIMPLECOV");

    private final NodeReader nodes;

    OutputReader(NodeReader nodes) {
        this.nodes = nodes;
    }

    BuildSpec.Artifacts artifacts(Field field, boolean primary) {
        Map<String, Field> artifacts = nodes.knownFields(field.value(), field.path(), "a mapping", ARTIFACT_KEYS);
        Map<String, BuildSpec.Artifacts> secondaries = new LinkedHashMap<>();
        for (Field entry : artifacts.values()) {
            if (!entry.name().equals("secondary-artifacts")) {
                validate(artifacts, entry);
            } else if (!primary) {
                throw nodes.error(entry.keyNode(), field.path(), "secondary-artifacts cannot be nested inside a secondary artifact");
            } else {
                for (Field secondary : nodes.fields(entry.value(), entry.path(), "a mapping of artifact identifiers")) {
                    secondaries.put(secondary.name(), artifacts(secondary, false));
                }
            }
        }
        if (!primary) {
            // The primary section may lack files (the documentation's multi-output samples do): CodeBuild reads
            // such a buildspec and fails the build in UPLOAD_ARTIFACTS with CLIENT_ERROR, and so does Slipway.
            nodes.require(artifacts, "files", field.keyNode(), field.path());
        }
        return new BuildSpec.Artifacts(
                nodes.optionalStringList(artifacts, "files"),
                nodes.optionalString(artifacts, "name"),
                nodes.yesNo(artifacts, "discard-paths"),
                nodes.optionalString(artifacts, "base-directory"),
                nodes.optionalStringList(artifacts, "exclude-paths"),
                nodes.yesNo(artifacts, "enable-symlinks"),
                nodes.optionalString(artifacts, "s3-prefix"),
                secondaries);
    }

    Map<String, BuildSpec.Report> reports(Field field) {
        Map<String, BuildSpec.Report> reports = new LinkedHashMap<>();
        for (Field group : nodes.fields(field.value(), field.path(), "a mapping of report groups")) {
            reports.put(group.name(), report(group));
        }
        return reports;
    }

    private BuildSpec.Report report(Field group) {
        Map<String, Field> report = nodes.knownFields(group.value(), group.path(), "a mapping", REPORT_KEYS);
        validateInOrder(report);
        nodes.require(report, "files", group.keyNode(), group.path());
        return new BuildSpec.Report(
                nodes.optionalStringList(report, "files"),
                nodes.optionalString(report, "base-directory"),
                nodes.yesNo(report, "discard-paths"),
                fileFormat(report.get("file-format")));
    }

    private Optional<String> fileFormat(Field field) {
        if (field == null) {
            return Optional.empty();
        }
        String format = nodes.string(field.value(), field.path());
        if (!FILE_FORMATS.contains(format.toUpperCase(Locale.ROOT))) {
            String problem = KeySuggestion.nearest(format.toUpperCase(Locale.ROOT), FILE_FORMATS)
                    .map(s -> "unknown report file format '" + format + "'; did you mean '" + s + "'?")
                    .orElse("unknown report file format '" + format + "'; expected one of " + String.join(", ", FILE_FORMATS));
            throw nodes.error(field.value(), field.path(), problem);
        }
        return Optional.of(format);
    }

    BuildSpec.Cache cache(Field field) {
        Map<String, Field> cache = nodes.knownFields(field.value(), field.path(), "a mapping", CACHE_KEYS);
        validateInOrder(cache);
        nodes.require(cache, "paths", field.keyNode(), field.path());
        return new BuildSpec.Cache(
                nodes.optionalStringList(cache, "paths"),
                nodes.optionalString(cache, "key"),
                nodes.optionalStringList(cache, "fallback-keys"),
                nodes.optionalString(cache, "action"));
    }

    private void validateInOrder(Map<String, Field> fields) {
        fields.values().forEach(entry -> validate(fields, entry));
    }

    private void validate(Map<String, Field> fields, Field entry) {
        switch (entry.name()) {
            case "files", "paths", "fallback-keys", "exclude-paths" -> nodes.stringList(entry.value(), entry.path());
            case "discard-paths", "enable-symlinks" -> nodes.yesNo(fields, entry.name());
            case "file-format" -> fileFormat(entry);
            default -> nodes.string(entry.value(), entry.path());
        }
    }
}
