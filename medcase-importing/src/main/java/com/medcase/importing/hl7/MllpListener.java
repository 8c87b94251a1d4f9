package com.medcase.importing.hl7;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The MLLP socket: reads framed messages (VT ... FS CR) from each connection as a stream, so that
 * several messages arriving in one TCP read are each handed on and acknowledged in order. (The
 * camel-mllp 4.22 consumer keeps only the first frame of a read and treats the rest as trailing
 * out-of-band data, which loses messages; hence this listener feeds the Camel route instead.)
 * Port 0 binds a free port; {@link #port()} tells which.
 */
public final class MllpListener implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MllpListener.class);
    static final int START_BLOCK = 0x0b;
    static final int END_BLOCK = 0x1c;
    static final int CR = 0x0d;
    /** A frame larger than this is refused (the connection is closed) rather than exhausting memory. */
    static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    /**
     * Socket limits. {@code maxConnections} overall and {@code maxConnectionsPerPeer} per sender address;
     * when the listener is full, the connection idle the longest is closed for the newcomer, so idle
     * connections can never lock senders out. {@code idleTimeout}: a connection with no message started
     * is closed after it; {@code readTimeout}: a started message must be complete within it (a sender that
     * drips bytes is cut off). {@code allowedSenders}: IP addresses allowed to connect (empty = any).
     */
    public record Limits(int maxConnections, int maxConnectionsPerPeer, Duration idleTimeout, Duration readTimeout,
                         List<String> allowedSenders) {
        public Limits {
            allowedSenders = allowedSenders == null ? List.of() : List.copyOf(allowedSenders);
        }

        public static Limits defaults(int maxConnections) {
            return new Limits(maxConnections, maxConnections, Duration.ofSeconds(60), Duration.ofSeconds(30), List.of());
        }
    }

    /** One open connection: whether it is inside a message, and since when it is idle. */
    private static final class Connection {
        final Socket socket;
        final InetAddress peer;
        volatile boolean busy;
        volatile long idleSince = System.nanoTime();

        Connection(Socket socket) {
            this.socket = socket;
            this.peer = socket.getInetAddress();
        }
    }

    private final String host;
    private final int requestedPort;
    private final Limits limits;
    private final Set<InetAddress> allowed;
    private final SSLContext tls;
    private final boolean needClientAuth;
    private final Function<byte[], byte[]> handler;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile ExecutorService workers;

    /** @param handler one message's bytes in, its acknowledgement's bytes out; must not throw */
    public MllpListener(String host, int port, int maxConnections, Function<byte[], byte[]> handler) {
        this(host, port, Limits.defaults(maxConnections), null, false, handler);
    }

    /**
     * @param tls when not null, MLLP over TLS with this context's key (and trust, for client certificates)
     * @param needClientAuth senders must present a certificate the context trusts (mutual TLS)
     */
    public MllpListener(String host, int port, Limits limits, SSLContext tls, boolean needClientAuth, Function<byte[], byte[]> handler) {
        this.host = host;
        this.requestedPort = port;
        this.limits = limits;
        this.allowed = limits.allowedSenders().stream().map(MllpListener::address).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.tls = tls;
        this.needClientAuth = needClientAuth;
        this.handler = handler;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal.trim());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("medcase.importing.mllp.allowed-senders: '" + literal + "' is not an address", e);
        }
    }

    public int port() {
        ServerSocket s = server;
        return s == null ? requestedPort : s.getLocalPort();
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket s;
            if (tls != null) {
                SSLServerSocket ssl = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
                ssl.setNeedClientAuth(needClientAuth);
                s = ssl;
            } else {
                s = new ServerSocket();
            }
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), requestedPort), 200);
            server = s;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen for HL7 MLLP on " + host + ":" + requestedPort
                    + " (" + e.getMessage() + "); set medcase.importing.mllp.port to a free port", e);
        }
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mllp-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ServerSocket bound = server;
        Thread acceptor = new Thread(() -> accept(bound), "mllp-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("HL7 MLLP{} listening on {}:{}", tls != null ? " over TLS" : "", host, port());
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                InetAddress peer = socket.getInetAddress();
                if (!allowed.isEmpty() && !allowed.contains(peer)) {
                    LOG.warn("MLLP connection from {} refused: not in medcase.importing.mllp.allowed-senders", peer.getHostAddress());
                    socket.close();
                    continue;
                }
                long fromPeer = open.stream().filter(c -> c.peer.equals(peer)).count();
                if (fromPeer >= limits.maxConnectionsPerPeer() && !evictIdle(peer)) {
                    LOG.warn("MLLP connection from {} refused: {} connections from that address already open", peer.getHostAddress(), fromPeer);
                    socket.close();
                    continue;
                }
                if (open.size() >= limits.maxConnections() && !evictIdle(null)) {
                    LOG.warn("MLLP connection from {} refused: {} connections already open, all busy", peer.getHostAddress(), open.size());
                    socket.close();
                    continue;
                }
                Connection connection = new Connection(socket);
                open.add(connection);
                workers.execute(() -> {
                    try {
                        serve(connection);
                    } finally {
                        open.remove(connection);
                    }
                });
            } catch (IOException e) {
                if (!s.isClosed()) {
                    LOG.warn("MLLP accept failed: {}", e.toString());
                }
            }
        }
    }

    /** Closes the connection (of this peer, or of anyone when null) that has been idle the longest; false when all are busy. */
    private boolean evictIdle(InetAddress peer) {
        Connection oldest = open.stream().filter(c -> !c.busy && (peer == null || c.peer.equals(peer)))
                .min(java.util.Comparator.comparingLong(c -> c.idleSince)).orElse(null);
        if (oldest == null || !open.remove(oldest)) {
            return false;
        }
        try {
            oldest.socket.close();
        } catch (IOException e) {
            LOG.debug("closing idle MLLP connection: {}", e.getMessage());
        }
        return true;
    }

    private void serve(Connection connection) {
        Socket socket = connection.socket;
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            while (true) {
                socket.setSoTimeout(Math.toIntExact(Math.max(1, limits.idleTimeout().toMillis())));
                int b;
                while ((b = in.read()) != START_BLOCK) {
                    if (b < 0) {
                        return;
                    }
                }
                connection.busy = true;
                byte[] message = readFrameBody(in, socket, System.nanoTime() + limits.readTimeout().toNanos());
                out.write(frame(handler.apply(message)));
                out.flush();
                connection.busy = false;
                connection.idleSince = System.nanoTime();
            }
        } catch (java.net.SocketTimeoutException e) {
            LOG.info("MLLP connection from {} closed: {}", connection.peer.getHostAddress(),
                    connection.busy ? "message not complete within the read timeout" : "idle longer than the idle timeout");
        } catch (SocketException e) {
            LOG.debug("MLLP connection closed: {}", e.getMessage());
        } catch (IOException e) {
            LOG.warn("MLLP connection from {} dropped: {}", connection.peer.getHostAddress(), e.getMessage());
        }
    }

    /**
     * The rest of a frame after its start block, within a deadline for the whole frame: each read waits at
     * most the read timeout, and a sender that drips bytes is cut off once the deadline has passed.
     */
    private static byte[] readFrameBody(InputStream in, Socket socket, long deadlineNanos) throws IOException {
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadlineNanos - System.nanoTime()) / 1_000_000)));
        ByteArrayOutputStream message = new ByteArrayOutputStream(4096);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a message (no FS end-of-block)");
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new java.net.SocketTimeoutException("frame not complete within the read timeout");
            }
            if (b == END_BLOCK) {
                // the CR after FS is read with the next frame's search for a start block
                return message.toByteArray();
            }
            if (message.size() >= MAX_FRAME_BYTES) {
                throw new IOException("message exceeds " + MAX_FRAME_BYTES + " bytes");
            }
            message.write(b);
        }
    }

    /** The next message, or null at the end of the stream. Bytes outside frames are skipped. */
    public static byte[] readFrame(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != START_BLOCK) {
            if (b < 0) {
                return null;
            }
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream(4096);
        while (true) {
            b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a message (no FS end-of-block)");
            }
            if (b == END_BLOCK) {
                in.mark(1);
                if (in.read() != CR) {
                    in.reset();
                }
                return message.toByteArray();
            }
            if (message.size() >= MAX_FRAME_BYTES) {
                throw new IOException("message exceeds " + MAX_FRAME_BYTES + " bytes");
            }
            message.write(b);
        }
    }

    public static byte[] frame(byte[] payload) {
        byte[] framed = new byte[payload.length + 3];
        framed[0] = START_BLOCK;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = END_BLOCK;
        framed[framed.length - 1] = CR;
        return framed;
    }

    @Override
    public synchronized void stop() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing MLLP server socket: {}", e.getMessage());
            }
        }
        open.forEach(connection -> {
            try {
                connection.socket.close();
            } catch (IOException e) {
                LOG.debug("closing MLLP connection: {}", e.getMessage());
            }
        });
        if (workers != null) {
            workers.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Starts after the Camel context (so the route is ready), stops before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 10;
    }
}
