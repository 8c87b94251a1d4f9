package com.medcase.alfresco.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medcase.model.ModelDefinitions;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded default repository of MedCase: the subset of the Alfresco public REST API v1 (core, Governance Services
 * holds, authentication tickets) that MedCase uses, with ACS's semantics, on 127.0.0.1 only, durable by itself.
 */
public final class EmbeddedAlfresco implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAlfresco.class);
    static final int THREADS = 16;

    private final Db db;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final URI baseUrl;
    private Repository repository;

    private EmbeddedAlfresco(Db db, HttpServer server, ThreadPoolExecutor executor, URI baseUrl) {
        this.db = db;
        this.server = server;
        this.executor = executor;
        this.baseUrl = baseUrl;
    }

    /**
     * Key rotation of the content store: rewrites every content file not under the current content key (or stored
     * before encryption was enabled) under the current key; returns how many. Safe while serving: each file is
     * replaced atomically and the earlier keys still read the files not yet rewritten.
     */
    public long reencryptContent() throws java.io.IOException {
        return repository.reencryptContent();
    }

    /**
     * The upkeep of this repository's H2 file (its figures are an administrator's view of the file: forced to disk
     * when, how large, how much live), or empty when the repository's database is not an H2 file of this process.
     */
    public java.util.Optional<com.medcase.store.H2FileUpkeep> databaseUpkeep() {
        return java.util.Optional.ofNullable(db.upkeep());
    }

    public static EmbeddedAlfresco start(EmbeddedAlfrescoSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(settings.home(), "home");
        if (settings.adminUser() == null || settings.adminUser().isBlank() || settings.adminPassword() == null || settings.adminPassword().length == 0) {
            throw new IllegalArgumentException("adminUser and adminPassword are required");
        }
        try {
            Files.createDirectories(settings.home());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Db db = new Db(settings);
        try {
            ObjectMapper json = new ObjectMapper();
            Dictionary dict = new Dictionary(ModelDefinitions.load());
            PermissionModel model = new PermissionModel();
            ContentStore store = new ContentStore(settings.home(), settings.contentEncryption());
            Repository repo = new Repository(db, dict, model, store, json);
            Authorities auth = new Authorities(db);
            auth.bootstrap(settings.adminUser(), settings.adminPassword());
            repo.bootstrap(settings.adminUser());
            // The JDK server leaves Nagle on by default: with delayed ACKs every small response would wait ~40 ms.
            // (Read once per JVM by sun.net.httpserver.ServerConfig; set before the first server is created.)
            if (System.getProperty("sun.net.httpserver.nodelay") == null) {
                System.setProperty("sun.net.httpserver.nodelay", "true");
            }
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 256);
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4096), r -> {
                Thread t = new Thread(r, "alfresco-embedded-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.CallerRunsPolicy());
            server.setExecutor(executor);
            server.createContext("/alfresco/", new Api(repo, auth, json));
            server.start();
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alfresco");
            LOG.info("Embedded Alfresco REST stand-in listening on {} ({})", base, db.postgres ? "PostgreSQL" : "H2");
            EmbeddedAlfresco started = new EmbeddedAlfresco(db, server, executor, base);
            started.repository = repo;
            return started;
        } catch (RuntimeException | IOException e) {
            db.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** e.g. http://127.0.0.1:PORT/alfresco; the REST roots hang under it as on ACS. */
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }

    /**
     * Standalone run: {@code home [port [adminUser]]}; the admin password comes from the environment variable
     * MEDCASE_ALFRESCO_ADMIN_PASSWORD (never from the command line), JDBC settings from MEDCASE_ALFRESCO_JDBC_URL/_USER/_PASSWORD.
     * Prints one "ready URL" line.
     */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : "alfresco-embedded-home");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        String admin = args.length > 2 ? args[2] : "admin";
        String pw = System.getenv("MEDCASE_ALFRESCO_ADMIN_PASSWORD");
        if (pw == null || pw.isEmpty()) {
            System.err.println("MEDCASE_ALFRESCO_ADMIN_PASSWORD must be set");
            System.exit(2);
        }
        EmbeddedAlfresco a = start(new EmbeddedAlfrescoSettings(home, System.getenv("MEDCASE_ALFRESCO_JDBC_URL"),
                System.getenv("MEDCASE_ALFRESCO_JDBC_USER"), System.getenv("MEDCASE_ALFRESCO_JDBC_PASSWORD"), port, admin, pw.toCharArray()));
        Runtime.getRuntime().addShutdownHook(new Thread(a::close));
        System.out.println("ready " + a.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
