package com.medcase.service.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default search server (medcase-solr-embedded: Solr 9.9 on Jetty 10) as a child process bound
 * to 127.0.0.1. Its conf is extracted from this service's classpath into {@code <solrDir>/conf} at every start;
 * its index lives under {@code <solrDir>/data} and survives restarts. The child ends with this JVM, even if
 * this JVM is killed (it watches our pid).
 */
final class EmbeddedSolrProcess implements AutoCloseable {

    static final String CORE = "medcase";
    private static final String READY = "MEDCASE-SOLR-READY port=";
    private static final List<String> CONF_FILES = List.of("schema.xml", "solrconfig.xml");

    private final Process process;
    private final int port;

    private EmbeddedSolrProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server jar and waits (at most {@code timeout}) until its core is loaded. */
    static EmbeddedSolrProcess start(Path serverJar, Path solrDir, Duration timeout) throws IOException {
        if (!Files.isRegularFile(serverJar)) {
            throw new IllegalStateException("Embedded Solr jar not found at " + serverJar.toAbsolutePath()
                    + "; build it with ./mvnw -pl medcase-solr-embedded package");
        }
        Path conf = solrDir.resolve("conf");
        Path data = solrDir.resolve("data");
        Files.createDirectories(conf);
        Files.createDirectories(data);
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
                "parent-pid=" + ProcessHandle.current().pid()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder failure = new StringBuilder();
        CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(READY)) {
                        return Integer.parseInt(line.substring(READY.length()).trim());
                    }
                    if (line.startsWith("MEDCASE-SOLR-FAILED")) {
                        synchronized (failure) {
                            failure.append(line);
                        }
                    }
                }
                return -1;
            } catch (IOException e) {
                return -1;
            }
        });
        int port;
        try {
            port = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            port = -1;
        }
        if (port <= 0) {
            process.destroyForcibly();
            String why;
            synchronized (failure) {
                why = failure.isEmpty() ? "" : " (" + failure + ")";
            }
            throw new IllegalStateException("The embedded Solr did not start within " + timeout + why
                    + "; run java -jar " + serverJar + " home=" + data + " conf=" + conf + " to see why");
        }
        // Keep draining its output so the child never blocks on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard: Solr's own log lines; the service logs what it indexes
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "medcase-solr-output");
        drain.setDaemon(true);
        drain.start();
        return new EmbeddedSolrProcess(process, port);
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
