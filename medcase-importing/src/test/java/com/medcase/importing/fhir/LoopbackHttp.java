package com.medcase.importing.fhir;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A small HTTP server on 127.0.0.1 and an ephemeral port serving attachment bytes by path. */
final class LoopbackHttp implements AutoCloseable {

    record Served(int status, String contentType, byte[] body) { }

    /**
     * A fetcher that may reach this loopback server: the guard refuses loopback unless a configuration
     * says otherwise explicitly, as this test configuration does (never set in production).
     */
    static AttachmentFetcher loopbackFetcher(java.time.Duration timeout, long maxBytes) {
        return new AttachmentFetcher(new com.medcase.importing.net.OutboundFetchGuard(new com.medcase.importing.net.OutboundFetchGuard.Settings(
                java.util.List.of(), timeout, timeout, timeout, maxBytes, true)));
    }

    private final HttpServer server;
    private final Map<String, Served> content = new ConcurrentHashMap<>();

    LoopbackHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Served s = content.getOrDefault(exchange.getRequestURI().getPath(), new Served(404, "text/plain", "not found".getBytes()));
            if (s.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", s.contentType());
            }
            exchange.sendResponseHeaders(s.status(), s.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(s.body());
            }
        });
        server.start();
    }

    String serve(String path, String contentType, byte[] body) {
        content.put(path, new Served(200, contentType, body));
        return url(path);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
