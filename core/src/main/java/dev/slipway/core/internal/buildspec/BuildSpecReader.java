package dev.slipway.core.internal.buildspec;

import dev.slipway.core.BuildSpec;

/** Reads buildspec YAML into a {@link BuildSpec}, with precise errors. (To be written.) */
public final class BuildSpecReader {
    private BuildSpecReader() {
    }

    public static BuildSpec read(String yaml, String sourceName) {
        throw new UnsupportedOperationException("not yet");
    }
}
