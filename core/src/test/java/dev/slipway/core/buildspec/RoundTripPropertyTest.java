package dev.slipway.core.buildspec;

import dev.slipway.core.BuildSpec;
import dev.slipway.core.BuildSpec.OnFailure;
import dev.slipway.core.BuildSpec.Phase;
import dev.slipway.core.PhaseType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code parse(toYaml(spec))} gives back {@code spec} for generated specs full of awkward text (fixed seeds). */
class RoundTripPropertyTest {
    private static final String[] FRAGMENTS = {
            "echo", "make test", " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", ": ", ":", " #", "#", "-", "- ", "--", "---", "...",
            "*", "&", "!", "%", "@", "`", "'", "''", "\"", "\\", "\\n", "|", ">", "{", "}", "[", "]", ",", "?", "? ", "~", "=", "<<",
            "yes", "No", "null", "true", "1", "0.2", "3.10", "0x1F", ".inf", "1e3", "$VAR", "${X:-y}", "$(date)", "é", "😀", "日本",
            "\u0085", "\u00a0", "\u2028", "\u2029", "\ufeff", "\u0000", "\u0007", "\u001b", "\u007f", "\u0080", "\ud7ff", "\ue000",
            "\ufffd", "\ufffe", "C:\\Program Files", "arn:aws:codebuild:eu-west-1:1:report-group/x", "a: b", "|-", "|+", ">-"};
    private static final List<OnFailure> ON_FAILURES = List.of(OnFailure.ABORT, OnFailure.CONTINUE,
            OnFailure.parse("RETRY"), OnFailure.parse("RETRY-0"), OnFailure.parse("RETRY-7-.*timeout.*"), OnFailure.parse("RETRY-3-5x"));

    @Test
    void awkwardTextRoundTripsInEveryPlaceTextCanGo() {
        Random random = new Random(20240607L);
        for (int i = 0; i < 3000; i++) {
            String text = oddText(random);
            BuildSpec spec = BuildSpec.builder()
                    .runAs(text)
                    .env(new BuildSpec.Env(Optional.of(text), Map.of(text, text), Map.of("P", text), Map.of(text, "s"), List.of(text),
                            Optional.of(true)))
                    .batch(new BuildSpec.Batch(Map.of("build-list", List.of(Map.of("identifier", text, text, List.of(text))))))
                    .phase(PhaseType.INSTALL, new Phase(Optional.of(text), Optional.empty(), Map.of(text, text), List.of(text), List.of()))
                    .phase(PhaseType.BUILD, Phase.of(text, "make", text).withFinally(List.of(text)))
                    .report(text, new BuildSpec.Report(List.of(text), Optional.of(text), Optional.of(false), Optional.of("junitxml")))
                    .artifacts(new BuildSpec.Artifacts(List.of(text), Optional.of(text), Optional.empty(), Optional.of(text),
                            List.of(text), Optional.of(false), Optional.of(text), Map.of(text, BuildSpec.Artifacts.files(text))))
                    .cache(new BuildSpec.Cache(List.of(text), Optional.of(text), List.of(text), Optional.of(text)))
                    .build();

            assertRoundTrips(spec);
        }
    }

    @Test
    void generatedSpecsOfEveryShapeRoundTrip() {
        Random random = new Random(42L);
        for (int i = 0; i < 1500; i++) {
            assertRoundTrips(randomSpec(random));
        }
    }

    private static void assertRoundTrips(BuildSpec spec) {
        String yaml = spec.toYaml();
        assertThat(BuildSpec.parse(yaml)).as("YAML:%n%s", yaml).isEqualTo(spec);
        assertThat(BuildSpec.parse(yaml).toYaml()).isEqualTo(yaml);
    }

    private static String oddText(Random random) {
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(7);
        for (int p = 0; p < parts; p++) {
            text.append(random.nextInt(4) == 0 ? randomChar(random) : FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        return text.toString();
    }

    private static String randomChar(Random random) {
        int codePoint;
        do {
            codePoint = random.nextInt(4) == 0 ? random.nextInt(0x20) : random.nextInt(0x3000);
        } while (Character.isSurrogate((char) codePoint));
        return new String(Character.toChars(codePoint));
    }

    private static BuildSpec randomSpec(Random random) {
        BuildSpec.Builder spec = BuildSpec.builder();
        boolean version01 = random.nextInt(5) == 0;
        if (version01) {
            spec.version("0.1").env(BuildSpec.Env.EMPTY.withVariables(randomMap(random)));
        } else if (random.nextBoolean()) {
            spec.env(new BuildSpec.Env(maybe(random), randomMap(random), randomMap(random), randomMap(random), randomList(random),
                    random.nextBoolean() ? Optional.of(random.nextBoolean()) : Optional.empty()));
        }
        maybe(random).ifPresent(spec::runAs);
        if (random.nextBoolean()) {
            spec.proxy(new BuildSpec.Proxy(maybeBoolean(random), maybeBoolean(random)));
        }
        if (random.nextBoolean()) {
            spec.batch(new BuildSpec.Batch(Map.of("fast-fail", random.nextBoolean() ? "true" : "false",
                    "build-matrix", randomTree(random, 3))));
        }
        for (PhaseType type : PhaseType.BUILDSPEC_PHASES) {
            if (random.nextBoolean()) {
                spec.phase(type, new Phase(maybe(random),
                        random.nextBoolean() ? Optional.of(ON_FAILURES.get(random.nextInt(ON_FAILURES.size()))) : Optional.empty(),
                        type == PhaseType.INSTALL ? randomMap(random) : Map.of(), randomList(random), randomList(random)));
            }
        }
        for (int r = random.nextInt(3); r > 0; r--) {
            spec.report(oddText(random), new BuildSpec.Report(randomList(random), maybe(random), maybeBoolean(random),
                    random.nextBoolean() ? Optional.of("JUNITXML") : Optional.empty()));
        }
        if (random.nextBoolean()) {
            Map<String, BuildSpec.Artifacts> secondaries = new LinkedHashMap<>();
            for (int s = random.nextInt(3); s > 0; s--) {
                secondaries.put(oddText(random), randomArtifacts(random, Map.of()));
            }
            spec.artifacts(randomArtifacts(random, secondaries));
        }
        if (random.nextBoolean()) {
            spec.cache(new BuildSpec.Cache(randomList(random), maybe(random), randomList(random), maybe(random)));
        }
        return spec.build();
    }

    private static BuildSpec.Artifacts randomArtifacts(Random random, Map<String, BuildSpec.Artifacts> secondaries) {
        return new BuildSpec.Artifacts(randomList(random), maybe(random), maybeBoolean(random), maybe(random), randomList(random),
                maybeBoolean(random), maybe(random), secondaries);
    }

    private static Object randomTree(Random random, int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(3);
        if (kind == 0) {
            return oddText(random);
        }
        int size = random.nextInt(3);
        if (kind == 1) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                list.add(randomTree(random, depth - 1));
            }
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(oddText(random), randomTree(random, depth - 1));
        }
        return map;
    }

    private static Optional<String> maybe(Random random) {
        return random.nextBoolean() ? Optional.of(oddText(random)) : Optional.empty();
    }

    private static Optional<Boolean> maybeBoolean(Random random) {
        return random.nextBoolean() ? Optional.of(random.nextBoolean()) : Optional.empty();
    }

    private static List<String> randomList(Random random) {
        List<String> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            list.add(oddText(random));
        }
        return list;
    }

    private static Map<String, String> randomMap(Random random) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            map.put(oddText(random), oddText(random));
        }
        return map;
    }
}
