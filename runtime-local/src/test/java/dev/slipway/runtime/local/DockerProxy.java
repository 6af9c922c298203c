package dev.slipway.runtime.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A proxy between LocalRuntime and the real Docker daemon (TCP on loopback → the daemon's unix socket) that
 * injects faults: answers chosen requests with a 5xx, drops connections without an answer, or cuts every
 * connection at once (the daemon "goes away"). Each request gets its own connection ({@code Connection:
 * close}), so that every request passes the fault rules.
 */
final class DockerProxy implements AutoCloseable {
    private record Rule(String pathPart, int status, int[] remaining) {
    }

    private final Path upstream;
    private final ServerSocket server;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final List<String> injected = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    DockerProxy(Path upstreamSocket) throws IOException {
        this.upstream = upstreamSocket;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "docker-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String host() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** The next {@code times} requests whose path contains {@code pathPart} get {@code status} (0: no answer at all). */
    void fail(String pathPart, int status, int times) {
        rules.add(new Rule(pathPart, status, new int[] {times}));
    }

    List<String> injected() {
        return List.copyOf(injected);
    }

    /** Closes every connection and stops listening: to the client, the daemon is gone. */
    void cut() {
        cut = true;
        close();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        for (AutoCloseable c : List.copyOf(open)) {
            try {
                c.close();
            } catch (Exception e) {
                // closing
            }
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread t = new Thread(() -> handle(client), "docker-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        SocketChannel daemon = null;
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            if (head == null || cut) {
                client.close();
                return;
            }
            String requestLine = head.substring(0, head.indexOf("\r\n"));
            Rule rule = match(requestLine);
            if (rule != null) {
                injected.add(requestLine + " -> " + (rule.status() == 0 ? "dropped" : rule.status()));
                skipBody(head, in);
                if (rule.status() > 0) {
                    byte[] body = ("{\"message\":\"injected fault " + rule.status() + "\"}").getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 " + rule.status() + " Injected\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
                client.close();
                return;
            }
            boolean upgrade = head.toLowerCase(Locale.ROOT).contains("\r\nupgrade:");
            if (!upgrade) {
                head = withConnectionClose(head);
            }
            daemon = SocketChannel.open(UnixDomainSocketAddress.of(upstream));
            open.add(daemon);
            OutputStream toDaemon = output(daemon);
            InputStream fromDaemon = input(daemon);
            toDaemon.write(head.getBytes(StandardCharsets.ISO_8859_1));
            toDaemon.flush();
            SocketChannel d = daemon;
            Thread up = new Thread(() -> pipe(in, toDaemon, d), "docker-proxy-up");
            up.setDaemon(true);
            up.start();
            pipe(fromDaemon, out, client);
        } catch (IOException e) {
            // connection ended
        } finally {
            closeQuietly(client);
            if (daemon != null) {
                closeQuietly(daemon);
            }
        }
    }

    /** Streams over a channel without the shared lock of {@code Channels.newInputStream/newOutputStream}. */
    private static InputStream input(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    private static OutputStream output(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    private Rule match(String requestLine) {
        for (Rule rule : rules) {
            if (requestLine.contains(rule.pathPart())) {
                synchronized (rule) {
                    if (rule.remaining()[0] > 0) {
                        rule.remaining()[0]--;
                        return rule;
                    }
                }
            }
        }
        return null;
    }

    private static String withConnectionClose(String head) {
        List<String> lines = new ArrayList<>(List.of(head.substring(0, head.length() - 4).split("\r\n")));
        lines.removeIf(l -> l.toLowerCase(Locale.ROOT).startsWith("connection:"));
        lines.add("Connection: close");
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    private static void skipBody(String head, InputStream in) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        int length = lower.indexOf("\r\ncontent-length:");
        if (length >= 0) {
            int end = lower.indexOf("\r\n", length + 2);
            long n = Long.parseLong(head.substring(length + 17, end).trim());
            in.readNBytes((int) n);
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            while (true) {
                String size = readLine(in);
                if (size == null) {
                    return;
                }
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                in.readNBytes(n);
                readLine(in);
                if (n == 0) {
                    return;
                }
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) ? state + 1 : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString().replace("\r", "");
            }
            line.append((char) b);
        }
        return null;
    }

    private static void pipe(InputStream from, OutputStream to, AutoCloseable closeWhenDone) {
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(closeWhenDone);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing
        }
    }
}
