package dev.slipway.core.internal.buildspec;

import dev.slipway.core.BuildSpec;

/** Renders a {@link BuildSpec} as YAML. (To be written.) */
public final class BuildSpecWriter {
    private BuildSpecWriter() {
    }

    public static String write(BuildSpec spec) {
        throw new UnsupportedOperationException("not yet");
    }
}
