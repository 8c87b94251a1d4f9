package com.medcase.importing.hl7;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
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

    private final String host;
    private final int requestedPort;
    private final int maxConnections;
    private final Function<byte[], byte[]> handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile ExecutorService workers;

    /** @param handler one message's bytes in, its acknowledgement's bytes out; must not throw */
    public MllpListener(String host, int port, int maxConnections, Function<byte[], byte[]> handler) {
        this.host = host;
        this.requestedPort = port;
        this.maxConnections = maxConnections;
        this.handler = handler;
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
            ServerSocket s = new ServerSocket();
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
        Semaphore slots = new Semaphore(maxConnections);
        ServerSocket bound = server;
        Thread acceptor = new Thread(() -> accept(bound, slots), "mllp-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("HL7 MLLP listening on {}:{}", host, port());
    }

    private void accept(ServerSocket s, Semaphore slots) {
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                if (!slots.tryAcquire()) {
                    LOG.warn("MLLP connection from {} refused: {} connections already open", socket.getInetAddress(), maxConnections);
                    socket.close();
                    continue;
                }
                open.add(socket);
                workers.execute(() -> {
                    try {
                        serve(socket);
                    } finally {
                        open.remove(socket);
                        slots.release();
                    }
                });
            } catch (IOException e) {
                if (!s.isClosed()) {
                    LOG.warn("MLLP accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            byte[] message;
            while ((message = readFrame(in)) != null) {
                out.write(frame(handler.apply(message)));
                out.flush();
            }
        } catch (SocketException e) {
            LOG.debug("MLLP connection closed: {}", e.getMessage());
        } catch (IOException e) {
            LOG.warn("MLLP connection from {} dropped: {}", socket.getInetAddress(), e.getMessage());
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
        open.forEach(socket -> {
            try {
                socket.close();
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
