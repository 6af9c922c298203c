package dev.slipway.runtime.local.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();
    private final List<Boolean> complete = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(16, 4, (text, done) -> {
        lines.add(text);
        complete.add(done);
    });

    @Test
    void linesAreCutAtNewlinesAcrossChunksAndCarriageReturnsBeforeThemDropped() {
        feed("one\r\ntw");
        feed("o\n\nthree");
        splitter.finish();

        assertThat(lines).containsExactly("one", "two", "", "three");
        assertThat(complete).containsOnly(true);
    }

    @Test
    void overLongLinesArriveInBoundedPiecesKeepingATail() {
        feed("abcdefghijklmnopqrstuvwxyz\n");

        assertThat(lines).containsExactly("abcdefghijkl", "mnopqrstuvwxyz");
        assertThat(complete).containsExactly(false, true);
        assertThat(lines).allMatch(l -> l.length() <= 16);
    }

    @Test
    void aMultiByteCharacterIsNeverCutInTwo() {
        feed("ééééééééééé\n");

        assertThat(String.join("", lines)).isEqualTo("ééééééééééé");
        assertThat(lines).noneMatch(l -> l.contains("\uFFFD"));
    }

    @Test
    void memoryStaysBoundedWhateverTheInput() {
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'x');
        LineSplitter big = new LineSplitter(16 * 1024, 128, (text, done) -> assertThat(text.length()).isLessThanOrEqualTo(16 * 1024));
        for (int i = 0; i < 20; i++) {
            big.accept(chunk);
        }
        big.finish();
    }

    private void feed(String text) {
        splitter.accept(text.getBytes(StandardCharsets.UTF_8));
    }
}
