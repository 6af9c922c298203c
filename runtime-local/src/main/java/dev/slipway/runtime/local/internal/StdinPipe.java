package dev.slipway.runtime.local.internal;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The stdin of a container's attach stream: what {@link #send(byte[])} is given, read by docker-java's
 * writer thread as soon as it is there. {@link #close()} ends the stream, and with it the agent in the
 * container (it reads end of file and exits).
 */
public final class StdinPipe extends InputStream {
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current;
    private int position;
    private volatile boolean closed;

    public void send(byte[] bytes) {
        if (closed) {
            throw new IllegalStateException("the build container's input is closed");
        }
        if (bytes.length > 0) {
            chunks.add(bytes);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (current == null || position == current.length) {
            if (current == END) {
                return -1;
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            position = 0;
            if (current == END) {
                return -1;
            }
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current == null || current == END ? 0 : current.length - position;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            chunks.add(END);
        }
    }
}
