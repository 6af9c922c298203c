package dev.slipway.runtime.local.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CacheStoreTest {
    private static final String SRC = "/codebuild/output/src123456789/src";

    @Test
    void absolutePathsAreCachedFromTheRoot() {
        CacheStore.CachedDirectory m2 = CacheStore.CachedDirectory.of("/root/.m2/**/*", SRC).orElseThrow();

        assertThat(m2).isEqualTo(new CacheStore.CachedDirectory("/root/.m2", "/root/.m2", "/", "root/"));
    }

    @Test
    void relativePathsAreCachedFromTheSourceDirectoryWhateverItIsCalled() {
        CacheStore.CachedDirectory deps = CacheStore.CachedDirectory.of("./node_modules/*", SRC).orElseThrow();
        CacheStore.CachedDirectory nested = CacheStore.CachedDirectory.of("a/b/c", "/other/src").orElseThrow();

        assertThat(deps).isEqualTo(new CacheStore.CachedDirectory("node_modules", SRC + "/node_modules", SRC, ""));
        assertThat(nested.key()).isEqualTo("a/b/c");
        assertThat(nested.parentInTar()).isEqualTo("a/b/");
    }

    @Test
    void pathsWithWildcardsBeforeTheirEndAreNotCached() {
        assertThat(CacheStore.CachedDirectory.of("**/node_modules/**/*", SRC)).isEmpty();
        assertThat(CacheStore.CachedDirectory.of("../outside", SRC)).isEmpty();
    }
}
