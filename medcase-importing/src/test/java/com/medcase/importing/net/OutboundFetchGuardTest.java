package com.medcase.importing.net;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10, "a provider's FHIR attachment URL is fetched from loopback, private and link-local addresses,
 * and redirects are followed", and issue 11, "a FHIR attachment server that drips bytes hangs the import".
 * The guard's defaults refuse loopback; only an explicit test setting lets the loopback server be reached.
 */
class OutboundFetchGuardTest {

    HttpServer server;
    String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/doc", x -> {
            byte[] body = "%PDF-1.4 fake".getBytes();
            x.sendResponseHeaders(200, body.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(body);
            }
        });
        server.createContext("/redirect", x -> {
            x.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.createContext("/drip", x -> {
            x.sendResponseHeaders(200, 1000);
            try (OutputStream o = x.getResponseBody()) {
                for (int i = 0; i < 1000; i++) {
                    o.write('x');
                    o.flush();
                    Thread.sleep(100); // the attacker's server: one byte every 100 ms
                }
            } catch (InterruptedException | IOException e) {
                // the client gave up: that is the point
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static OutboundFetchGuard guard(boolean allowPrivate, List<String> hosts, Duration total) {
        return new OutboundFetchGuard(new OutboundFetchGuard.Settings(hosts, Duration.ofSeconds(2), Duration.ofSeconds(2), total, 1 << 20, allowPrivate));
    }

    @Test
    void theDefaultsRefuseLoopbackByAddressAndByName() {
        try (OutboundFetchGuard g = new OutboundFetchGuard(OutboundFetchGuard.Settings.defaults())) {
            assertThatThrownBy(() -> g.get(URI.create(base + "/doc"), "*/*")).isInstanceOf(OutboundFetchGuard.FetchException.class)
                    .hasMessageContaining("loopback").satisfies(e -> assertThat(((OutboundFetchGuard.FetchException) e).permanent()).isTrue());
            String byName = base.replace("127.0.0.1", "localhost");
            assertThatThrownBy(() -> g.get(URI.create(byName + "/doc"), "*/*")).hasMessageContaining("refused");
        }
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            127.0.0.1,       true
            10.1.2.3,        true
            172.16.0.1,      true
            192.168.1.1,     true
            169.254.169.254, true
            224.0.0.1,       true
            0.0.0.0,         true
            100.64.0.1,      true
            ::1,             true
            fe80::1,         true
            fd00::1,         true
            ::ffff:10.0.0.1, true
            93.184.215.14,   false
            2606:4700::1111, false
            """)
    void internalAddressesAreForbiddenPublicOnesAreNot(String address, boolean forbidden) throws Exception {
        assertThat(OutboundFetchGuard.isForbidden(InetAddress.getByName(address))).isEqualTo(forbidden);
    }

    @Test
    void onlyHttpAndHttpsAndOnlyAllowListedHosts() {
        try (OutboundFetchGuard g = guard(true, List.of("fhir.provider.example"), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> g.get(URI.create("file:///etc/passwd"), "*/*")).hasMessageContaining("not an http or https URL");
            assertThatThrownBy(() -> g.get(URI.create(base + "/doc"), "*/*")).hasMessageContaining("allowed-hosts");
        }
    }

    @Test
    void aRedirectIsNeverFollowed() {
        try (OutboundFetchGuard g = guard(true, List.of(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> g.get(URI.create(base + "/redirect"), "*/*")).hasMessageContaining("302").hasMessageContaining("redirect");
        }
    }

    @Test
    void aServerThatDripsBytesIsCutOffAtTheTotalDeadline() {
        try (OutboundFetchGuard g = guard(true, List.of(), Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> g.get(URI.create(base + "/drip"), "*/*")).isInstanceOf(OutboundFetchGuard.FetchException.class)
                    .hasMessageContaining("within 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anExplicitTestSettingReachesTheLoopbackServer() throws Exception {
        try (OutboundFetchGuard g = guard(true, List.of(), Duration.ofSeconds(5))) {
            assertThat(new String(g.get(URI.create(base + "/doc"), "*/*").body())).startsWith("%PDF");
        }
    }
}
