package com.medcase.importing.hl7;

import com.medcase.importing.config.ImportingProperties;
import com.medcase.importing.config.MllpTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10/11, MLLP: "16 idle connections lock every MLLP sender out", "MLLP accepts anyone". Real sockets
 * on loopback; a second sender address is 127.0.0.2 (the whole 127/8 is loopback on Linux).
 */
class MllpListenerLimitsTest {

    static final byte[] ACK = "MSH|^~\\&|MEDCASE\rMSA|AA|X\r".getBytes(StandardCharsets.ISO_8859_1);
    static final String MESSAGE = "MSH|^~\\&|EHR|FAKE|MEDCASE|MEDCASE|20260101||MDM^T02|L-1|P|2.5\r";

    @TempDir
    Path dir;

    final List<AutoCloseable> open = new ArrayList<>();
    MllpListener listener;

    MllpListener start(MllpListener.Limits limits, SSLContext tls, boolean needClientAuth) {
        listener = new MllpListener("127.0.0.1", 0, limits, tls, needClientAuth, bytes -> ACK);
        listener.start();
        return listener;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (listener != null) {
            listener.stop();
        }
    }

    Socket connect(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", listener.port()), 2000);
        s.setSoTimeout(5000);
        open.add(s);
        return s;
    }

    static String exchange(Socket s) throws IOException {
        s.getOutputStream().write(MllpTestClient.frame(MESSAGE.getBytes(StandardCharsets.ISO_8859_1)));
        s.getOutputStream().flush();
        byte[] frame = MllpListener.readFrame(s.getInputStream());
        if (frame == null) {
            throw new IOException("closed without an acknowledgement");
        }
        return new String(frame, StandardCharsets.ISO_8859_1);
    }

    /** Reads until the server closes the connection; fails the test if it is still open after the socket timeout. */
    static void assertClosedByServer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain
            }
        } catch (java.net.SocketException e) {
            // reset by the server: closed as well
        }
    }

    @Test
    void sixteenIdleConnectionsDoNotLockOtherSendersOut() throws Exception {
        start(new MllpListener.Limits(16, 4, Duration.ofMinutes(5), Duration.ofSeconds(30), List.of()), null, false);
        for (int i = 0; i < 16; i++) {
            connect("127.0.0.1"); // connected, never sending
        }
        assertThat(exchange(connect("127.0.0.2"))).contains("MSA|AA");
        assertThat(exchange(connect("127.0.0.1"))).as("even the idle peer's own new connection is served").contains("MSA|AA");
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        start(new MllpListener.Limits(16, 4, Duration.ofMillis(300), Duration.ofSeconds(30), List.of()), null, false);
        Socket idle = connect("127.0.0.1");
        long t0 = System.nanoTime();
        assertClosedByServer(idle);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aSenderThatDripsAMessageIsCutOffAtTheReadTimeout() throws Exception {
        start(new MllpListener.Limits(16, 4, Duration.ofMinutes(5), Duration.ofMillis(500), List.of()), null, false);
        Socket drip = connect("127.0.0.1");
        OutputStream out = drip.getOutputStream();
        out.write(0x0b);
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < 40; i++) {
                out.write('M');
                out.flush();
                Thread.sleep(100); // the slow sender under test, not a wait for a route
            }
        } catch (IOException e) {
            // cut off while writing: what the test wants
        }
        assertClosedByServer(drip);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void onlyAllowListedSendersAreServed() throws Exception {
        start(new MllpListener.Limits(16, 4, Duration.ofMinutes(5), Duration.ofSeconds(30), List.of("127.0.0.2")), null, false);
        assertThat(exchange(connect("127.0.0.2"))).contains("MSA|AA");
        Socket stranger = connect("127.0.0.1");
        assertThatThrownBy(() -> exchange(stranger)).isInstanceOf(IOException.class);
    }

    @Test
    void mllpOverTlsWithClientCertificates() throws Exception {
        Path server = keyPair("server");
        Path client = keyPair("client");
        Path serverTrust = trustStoreWith("client");
        Path clientTrust = trustStoreWith("server");
        ImportingProperties.Tls tls = new ImportingProperties.Tls(true, server, "secret", serverTrust, "secret", "need");
        start(new MllpListener.Limits(16, 4, Duration.ofMinutes(5), Duration.ofSeconds(30), List.of()), MllpTls.context(tls), true);

        SSLContext withCert = clientContext(client, clientTrust);
        try (SSLSocket s = (SSLSocket) withCert.getSocketFactory().createSocket("127.0.0.1", listener.port())) {
            s.setSoTimeout(5000);
            assertThat(exchange(s)).contains("MSA|AA");
        }
        SSLContext withoutCert = clientContext(null, clientTrust);
        try (SSLSocket s = (SSLSocket) withoutCert.getSocketFactory().createSocket("127.0.0.1", listener.port())) {
            s.setSoTimeout(5000);
            assertThatThrownBy(() -> exchange(s)).as("a sender without a trusted certificate is not served").isInstanceOf(IOException.class);
        }
        try (Socket plain = connect("127.0.0.1")) {
            assertThatThrownBy(() -> exchange(plain)).as("plain MLLP is not answered on the TLS port").isInstanceOf(IOException.class);
        }
    }

    // ---- self-signed certificates made with the JDK's keytool for this test --------------------------

    private Path keyPair(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-validity", "2",
                "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "secret");
        keytool("-exportcert", "-alias", name, "-keystore", store.toString(), "-storepass", "secret", "-file", dir.resolve(name + ".cer").toString());
        return store;
    }

    private Path trustStoreWith(String name) throws Exception {
        Path store = dir.resolve("trust-" + name + ".p12");
        keytool("-importcert", "-noprompt", "-alias", name, "-file", dir.resolve(name + ".cer").toString(), "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "secret");
        return store;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }

    private static SSLContext clientContext(Path keyStore, Path trustStore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(trustStore)) {
            trust.load(in, "secret".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (keyStore != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = java.nio.file.Files.newInputStream(keyStore)) {
                keys.load(in, "secret".toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "secret".toCharArray());
        }
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return c;
    }
}
