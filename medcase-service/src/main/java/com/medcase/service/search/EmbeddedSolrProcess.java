package com.medcase.service.search;

import com.medcase.repository.embedded.ReadyLineProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default search server (medcase-solr-embedded: Solr 9.9 on Jetty 10) as a child process bound
 * to 127.0.0.1. Its conf is extracted from this service's classpath into {@code <solrDir>/conf} at every start;
 * its index lives under {@code <solrDir>/data} and survives restarts. The child ends with this JVM, even if
 * this JVM is killed (it watches our pid). Solr authenticates every request (BasicAuthPlugin, blockUnknown) with a
 * password generated at every start and handed over on the child's stdin; the service's user may search and index
 * only (config, schema, security and core-admin APIs closed). Directories are owner-only.
 */
final class EmbeddedSolrProcess implements AutoCloseable {

    static final String CORE = "medcase";
    /** The service's account in the embedded Solr; its password is random at every start and kept in memory only. */
    static final String SERVICE_USER = "medcase-service";
    private static final String READY = "MEDCASE-SOLR-READY port=";
    private static final List<String> CONF_FILES = List.of("schema.xml", "solrconfig.xml");

    private final Process process;
    private final int port;
    private final String password;

    private EmbeddedSolrProcess(Process process, int port, String password) {
        this.process = process;
        this.port = port;
        this.password = password;
    }

    /** Starts the server jar and waits (at most {@code timeout}) until its core is loaded. */
    static EmbeddedSolrProcess start(Path serverJar, Path solrDir, Duration timeout) throws IOException {
        if (!Files.isRegularFile(serverJar)) {
            throw new IllegalStateException("Embedded Solr jar not found at " + serverJar.toAbsolutePath()
                    + "; build it with ./mvnw -pl medcase-solr-embedded package");
        }
        Path conf = solrDir.resolve("conf");
        Path data = solrDir.resolve("data");
        // The index holds record text and readers: owner-only (issue 10), also for an index created by an earlier build.
        com.medcase.service.security.ServiceKeys.DataDirectories.createPrivate(solrDir);
        com.medcase.service.security.ServiceKeys.DataDirectories.createPrivate(conf);
        com.medcase.service.security.ServiceKeys.DataDirectories.createPrivate(data);
        for (String name : CONF_FILES) {
            try (InputStream in = EmbeddedSolrProcess.class.getResourceAsStream("/solr/" + CORE + "/conf/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("solr/" + CORE + "/conf/" + name + " is missing from the service's classpath");
                }
                Files.copy(in, conf.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", serverJar.toAbsolutePath().toString(),
                "home=" + data.toAbsolutePath(), "conf=" + conf.toAbsolutePath(), "port=0",
                "parent-pid=" + ProcessHandle.current().pid(), "credentials=stdin"));
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ReadyLineProcess.Started started;
        try {
            // Credentials on stdin: never in the child's arguments (visible to every local user) nor in a file.
            started = ReadyLineProcess.start(command, (SERVICE_USER + " " + password + "\n").getBytes(StandardCharsets.UTF_8),
                    READY, "MEDCASE-SOLR-FAILED", timeout, "medcase-solr-output");
        } catch (ReadyLineProcess.NotReadyException e) {
            throw new IllegalStateException("The embedded Solr did not start within " + timeout + e.explanation()
                    + "; run java -jar " + serverJar + " home=" + data + " conf=" + conf + " to see why", e);
        }
        return new EmbeddedSolrProcess(started.process(), started.port(), password);
    }

    /** This start's password of {@link #SERVICE_USER}. */
    String password() {
        return password;
    }

    long pid() {
        return process.pid();
    }

    /** Base URL of the Solr server (the core is {@link #CORE}). */
    String baseUrl() {
        return "http://127.0.0.1:" + port + "/solr";
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
