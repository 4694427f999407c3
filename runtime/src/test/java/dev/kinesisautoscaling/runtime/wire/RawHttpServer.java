package dev.kinesisautoscaling.runtime.wire;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A minimal HTTP/1.1 server on a plain {@link ServerSocket}: keep-alive connections, fixed-length
 * and chunked request bodies, and the two ways of not answering that a test needs and
 * {@code com.sun.net.httpserver} cannot give: a TCP reset, and a response that never comes.
 *
 * <p>A request that gets no response holds its connection thread in a blocking read of the
 * socket. The read returns when the client closes the connection (the SDK does so when its
 * attempt times out) or when {@link #close()} closes every socket, so nothing sleeps or polls.
 */
final class RawHttpServer implements AutoCloseable {

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final ServerSocket serverSocket;
    private final Function<WireRequest, WireResponse> handler;
    private final ExecutorService threads;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Object heldLock = new Object();
    private int held;
    private volatile boolean closed;

    private RawHttpServer(ServerSocket serverSocket, Function<WireRequest, WireResponse> handler) {
        this.serverSocket = serverSocket;
        this.handler = handler;
        AtomicInteger threadNumber = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-aws-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Listens on 127.0.0.1 on an ephemeral port.
     *
     * @param handler answers each request
     * @return the running server
     * @throws IOException when the socket cannot be opened
     */
    static RawHttpServer start(Function<WireRequest, WireResponse> handler) throws IOException {
        ServerSocket socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        RawHttpServer server = new RawHttpServer(socket, handler);
        server.threads.execute(server::acceptLoop);
        return server;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Waits (on a monitor, not by sleeping) until the given number of requests is held without a response. */
    boolean awaitHeldRequests(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (heldLock) {
            while (held != count) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    return false;
                }
                heldLock.wait(remaining);
            }
            return true;
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            openSockets.add(socket);
            threads.execute(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                WireRequest request = readRequest(in, out);
                if (request == null) {
                    return;
                }
                WireResponse response = handler.apply(request);
                switch (response.kind()) {
                    case RESET -> {
                        socket.setSoLinger(true, 0);
                        return;
                    }
                    case NO_RESPONSE -> {
                        hold(in);
                        return;
                    }
                    case ANSWER -> {
                        write(out, response);
                        if ("close".equalsIgnoreCase(request.header("Connection"))) {
                            return;
                        }
                    }
                    default -> throw new IllegalStateException(response.kind().name());
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        } finally {
            openSockets.remove(socket);
        }
    }

    private void hold(InputStream in) {
        synchronized (heldLock) {
            held++;
            heldLock.notifyAll();
        }
        try {
            awaitClientGone(in);
        } finally {
            synchronized (heldLock) {
                held--;
                heldLock.notifyAll();
            }
        }
    }

    /** Blocks until the client closes or resets the connection, or the server closes the socket. */
    private static void awaitClientGone(InputStream in) {
        byte[] discard = new byte[1024];
        try {
            while (in.read(discard) != -1) {
                // a client that gave up on this request sends nothing more on the connection
            }
        } catch (IOException e) {
            // reset by the client, or closed at shutdown
        }
    }

    private static WireRequest readRequest(InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("malformed request line: " + requestLine);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("headers too large");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        if ("100-continue".equalsIgnoreCase(first(headers, "expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
            body = readChunked(in);
        } else {
            String length = first(headers, "content-length");
            body = in.readNBytes(length == null ? 0 : Integer.parseInt(length.trim()));
        }
        String target = parts[1];
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        return new WireRequest(parts[0], path, query, headers, body);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
                    // trailers are not used by the SDK's requests
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b == -1) {
            return null;
        }
        while (b != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
            b = in.read();
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(OutputStream out, WireResponse response) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append("\r\n");
        response.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        boolean bodyless = response.status() == 204 || response.status() == 304;
        if (!bodyless) {
            head.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!bodyless) {
            out.write(response.body());
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            default -> "Status";
        };
    }

    /** Stops accepting, closes every connection (which releases requests held without response) and ends the threads. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : openSockets) {
            try {
                socket.close();
            } catch (SocketException e) {
                // already closed
            } catch (IOException e) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }
}
