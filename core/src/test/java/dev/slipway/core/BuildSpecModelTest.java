package dev.slipway.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildSpecModelTest {

    @Test
    void phasesAreKeptInRunOrder_whateverOrderTheyAreGivenIn() {
        BuildSpec spec = BuildSpec.builder()
                .phase(PhaseType.POST_BUILD, BuildSpec.Phase.of("c"))
                .phase(PhaseType.INSTALL, BuildSpec.Phase.of("a"))
                .addCommands(PhaseType.BUILD, List.of("b1", "b2"))
                .build();

        assertThat(spec.phases().keySet()).containsExactly(PhaseType.INSTALL, PhaseType.BUILD, PhaseType.POST_BUILD);
        assertThat(spec.allCommands()).containsExactly("a", "b1", "b2", "c");
    }

    @Test
    void onlyBuildspecPhasesAreAllowed() {
        assertThatThrownBy(() -> BuildSpec.builder().phase(PhaseType.UPLOAD_ARTIFACTS, BuildSpec.Phase.of("x")).build())
                .hasMessageContaining("UPLOAD_ARTIFACTS is not a buildspec phase");
    }

    @Test
    void inlineCommandsAddToAPhaseThatExists() {
        BuildSpec file = BuildSpec.builder().phase(PhaseType.BUILD, BuildSpec.Phase.of("make").withFinally(List.of("cleanup"))).build();

        BuildSpec merged = file.toBuilder().addCommands(PhaseType.BUILD, List.of("make test")).build();

        assertThat(merged.phase(PhaseType.BUILD)).hasValueSatisfying(p -> {
            assertThat(p.commands()).containsExactly("make", "make test");
            assertThat(p.finallyCommands()).containsExactly("cleanup");
        });
    }

    @Test
    void secretReferencesDoNotShowTheirTargetsInToString() {
        BuildSpec.Env env = new BuildSpec.Env(Optional.empty(), Map.of("A", "1"), Map.of("DB", "/prod/db/password"),
                Map.of("TOKEN", "prod/token:key"), List.of(), Optional.empty());

        assertThat(env.toString()).contains("A=1", "DB", "TOKEN").doesNotContain("/prod/db/password", "prod/token:key");
    }
}
