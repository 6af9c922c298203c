package dev.slipway.runtime.local.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link InputStream} whose bytes a producer writes on a thread of its own, through a small bounded
 * queue: a tar of a source tree streams into {@code docker cp} without being held in memory or on disk.
 * A failure of the producer reaches the reader as an {@link IOException}.
 */
public final class TarPipe extends InputStream {
    private static final int CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0];

    /** Writes the stream's content; the stream ends when it returns. */
    @FunctionalInterface
    public interface Producer {
        void writeTo(OutputStream out) throws IOException;
    }

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(8);
    private volatile IOException failure;
    private volatile boolean readerGone;
    private byte[] current;
    private int position;

    private TarPipe() {
    }

    public static TarPipe start(String name, Producer producer) {
        TarPipe pipe = new TarPipe();
        Thread thread = new Thread(() -> pipe.produce(producer), name);
        thread.setDaemon(true);
        thread.start();
        return pipe;
    }

    private void produce(Producer producer) {
        try (OutputStream out = new ChunkOutput()) {
            producer.writeTo(out);
        } catch (IOException e) {
            failure = e;
            offer(END);
        } catch (RuntimeException e) {
            failure = new IOException(e.getMessage(), e);
            offer(END);
        }
    }

    private void offer(byte[] chunk) {
        try {
            while (!readerGone && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                // the reader is slow; wait again unless it went away
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current == null || position == current.length) {
            if (current == END) {
                return end();
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while streaming a tar", e);
            }
            position = 0;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, target, offset, n);
        position += n;
        return n;
    }

    private int end() throws IOException {
        if (failure != null) {
            throw failure;
        }
        return -1;
    }

    @Override
    public void close() {
        readerGone = true;
        chunks.clear();
    }

    private final class ChunkOutput extends OutputStream {
        private byte[] buffer = new byte[CHUNK];
        private int length;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int count) throws IOException {
            while (count > 0) {
                if (readerGone) {
                    throw new IOException("the reader of the tar stream went away");
                }
                int n = Math.min(count, buffer.length - length);
                System.arraycopy(data, offset, buffer, length, n);
                length += n;
                offset += n;
                count -= n;
                if (length == buffer.length) {
                    offer(buffer);
                    buffer = new byte[CHUNK];
                    length = 0;
                }
            }
        }

        @Override
        public void close() {
            if (length > 0) {
                byte[] last = new byte[length];
                System.arraycopy(buffer, 0, last, 0, length);
                offer(last);
            }
            offer(END);
        }
    }
}
