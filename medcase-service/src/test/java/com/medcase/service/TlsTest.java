package com.medcase.service;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10: TLS as the README documents it, with a self-signed certificate generated here by the JDK's keytool and
 * served through a Spring Boot SSL bundle: the API answers over HTTPS to a client that trusts that certificate, a
 * client that does not is refused the handshake, plain HTTP gets no API answer, and the session cookie is Secure.
 */
@SpringBootTest(classes = MedCaseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TlsTest {

    static final String PASSWORD = "tls-test-" + UUID.randomUUID();
    static final String STORE_PASSWORD = "store-" + UUID.randomUUID();
    static Path keystore;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path home = Files.createTempDirectory("medcase-tls-test");
        keystore = home.resolveSibling(home.getFileName() + "-server.p12");
        ProcessBuilder keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "medcase", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass:env", "STOREPASS")
                .redirectErrorStream(true).inheritIO();
        keytool.environment().put("STOREPASS", STORE_PASSWORD);
        Process p = keytool.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        registry.add("medcase.home", home::toString);
        registry.add("spring.ssl.bundle.jks.medcase.keystore.location", () -> "file:" + keystore);
        registry.add("spring.ssl.bundle.jks.medcase.keystore.password", () -> STORE_PASSWORD);
        registry.add("spring.ssl.bundle.jks.medcase.keystore.type", () -> "PKCS12");
        registry.add("server.ssl.bundle", () -> "medcase");
        registry.add("medcase.security.users[0].name", () -> "manon");
        registry.add("medcase.security.users[0].password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
        registry.add("medcase.security.users[0].roles[0]", () -> "RECORDS_MANAGER");
    }

    @Test
    void theApiAnswersOverTlsToAClientThatTrustsTheCertificateOnly() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trust.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        HttpClient trusting = HttpClient.newBuilder().sslContext(context).build();

        HttpResponse<String> cases = trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/cases"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("manon:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cases.statusCode()).isEqualTo(200);
        assertThat(cases.sslSession()).isPresent();
        HttpResponse<String> login = trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID").contains("Secure"));

        HttpClient untrusting = HttpClient.newHttpClient();
        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/cases")).GET().build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        HttpResponse<String> plain;
        try {
            plain = untrusting.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases"))
                            .timeout(java.time.Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).as("plain HTTP to the TLS port").isEqualTo(400);
        } catch (IOException refused) {
            // equally fine: the TLS connector dropped the plain-text request
        }
    }
}
