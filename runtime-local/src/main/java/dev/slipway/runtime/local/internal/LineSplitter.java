package dev.slipway.runtime.local.internal;

import java.nio.charset.StandardCharsets;

/**
 * Cuts a byte stream into lines with bounded memory: a line longer than {@code maxLineBytes} is handed on in
 * pieces marked incomplete, so a build that prints 200 MB without a newline costs no more than one piece.
 * The last {@code keepTail} bytes of an over-long line stay buffered, so that a marker printed at the end of
 * a line (the shell agent's exit marker) is never cut in two. Line ends: {@code \n}, with a {@code \r} before
 * it dropped. Not thread-safe: one stream, one thread.
 */
public final class LineSplitter {

    /** Receives lines (without the line end) and pieces of over-long lines ({@code complete == false}). */
    @FunctionalInterface
    public interface Sink {
        void line(String text, boolean complete);
    }

    private final int maxLineBytes;
    private final int keepTail;
    private final Sink sink;
    private final byte[] buffer;
    private int length;

    public LineSplitter(int maxLineBytes, int keepTail, Sink sink) {
        if (keepTail < 0 || keepTail >= maxLineBytes / 2) {
            throw new IllegalArgumentException("keepTail must be within 0 and half of maxLineBytes");
        }
        this.maxLineBytes = maxLineBytes;
        this.keepTail = keepTail;
        this.sink = sink;
        this.buffer = new byte[maxLineBytes];
    }

    public void accept(byte[] data) {
        accept(data, 0, data.length);
    }

    public void accept(byte[] data, int offset, int count) {
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            byte b = data[i];
            if (b == '\n') {
                emitLine();
            } else {
                if (length == maxLineBytes) {
                    emitPiece();
                }
                buffer[length++] = b;
            }
        }
    }

    /** End of stream: what is left is a last line without line end. */
    public void finish() {
        if (length > 0) {
            emitLine();
        }
    }

    private void emitLine() {
        int end = length;
        if (end > 0 && buffer[end - 1] == '\r') {
            end--;
        }
        sink.line(new String(buffer, 0, end, StandardCharsets.UTF_8), true);
        length = 0;
    }

    private void emitPiece() {
        int cut = length - keepTail;
        // never cut a UTF-8 sequence: back off over continuation bytes (10xxxxxx) to the start of a character
        while (cut > 0 && (buffer[cut] & 0xC0) == 0x80) {
            cut--;
        }
        if (cut == 0) {
            cut = length - keepTail;
        }
        sink.line(new String(buffer, 0, cut, StandardCharsets.UTF_8), false);
        System.arraycopy(buffer, cut, buffer, 0, length - cut);
        length -= cut;
    }
}
