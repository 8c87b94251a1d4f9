package com.medcase.solr.embedded;

import org.apache.solr.core.CoreContainer;
import org.apache.solr.core.SolrCore;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The embedded default search server: {@code java -jar medcase-solr-embedded.jar home=DIR conf=DIR port=0 parent-pid=PID}.
 *
 * <p>Creates (or reopens) the core {@code medcase} under {@code home} with the schema and solrconfig from {@code conf}
 * (copied over at every start, so a new build's schema applies; the index under {@code home/medcase/data} is kept),
 * starts Solr 9.9 on Jetty 10 and prints {@code MEDCASE-SOLR-READY port=N} once the core is loaded.
 *
 * <p>Security: Jetty binds to 127.0.0.1 only ({@link JettySolrRunner} sets the connector host). With
 * {@code credentials=stdin} (what the service passes) the first line of stdin is {@code <user> <password>}: Solr's
 * own BasicAuthPlugin then refuses every unauthenticated request ({@code blockUnknown}), and its
 * RuleBasedAuthorizationPlugin lets that user read and update the core only; the config, schema, security,
 * core-admin and collection-admin APIs are given to a role nobody holds. {@code security.json} (salted hash only) is
 * rewritten at every start, so each start's password is the only one that works. Without {@code credentials=} the
 * server has no authentication (for manual debugging only).
 *
 * <p>The process ends when its parent (the service) ends, even if the parent was killed.
 */
public final class EmbeddedSolrServerMain {

    public static final String READY = "MEDCASE-SOLR-READY port=";
    static final String CORE = "medcase";

    private EmbeddedSolrServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                usage("not key=value: " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        if (!options.containsKey("home") || !options.containsKey("conf")) {
            usage("home= and conf= are required");
        }
        Path home = Path.of(options.get("home")).toAbsolutePath();
        Path conf = Path.of(options.get("conf")).toAbsolutePath();
        int port = Integer.parseInt(options.getOrDefault("port", "0"));
        if (!Files.isRegularFile(conf.resolve("schema.xml")) || !Files.isRegularFile(conf.resolve("solrconfig.xml"))) {
            usage("conf=" + conf + " must contain schema.xml and solrconfig.xml");
        }
        if (options.containsKey("parent-pid")) {
            long parentPid = Long.parseLong(options.get("parent-pid"));
            ProcessHandle.of(parentPid).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                    () -> Runtime.getRuntime().halt(0));
        }

        prepareHome(home, conf);
        if ("stdin".equals(options.get("credentials"))) {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            String[] credentials = line == null ? new String[0] : line.strip().split(" ", 2);
            if (credentials.length != 2 || credentials[0].isEmpty() || credentials[1].length() < 16) {
                System.err.println("MEDCASE-SOLR-FAILED credentials=stdin but stdin did not start with '<user> <password>' (16+ chars)");
                Runtime.getRuntime().halt(2);
            }
            writeSecurityJson(home, credentials[0], credentials[1]);
        } else {
            Files.deleteIfExists(home.resolve("security.json"));
        }
        // Keep Solr from writing its own logs directory or phoning ZooKeeper; standalone mode.
        System.setProperty("solr.log.dir", home.resolve("logs").toString());
        System.setProperty("solr.install.dir", home.toString());
        System.setProperty("host", "127.0.0.1");
        System.setProperty("solr.disableConfigSetsCreateAuthChecks", "true");

        // HTTP/1.1 only: the JDK HttpClient (SolrJ's HttpJdkSolrClient) and Jetty 10's h2c lost connections under load.
        JettyConfig config = JettyConfig.builder().setPort(port).setContext("/solr").stopAtShutdown(true).useOnlyHttp1(true)
                .waitForLoadingCoresToFinish(120_000L).build();
        JettySolrRunner jetty = new JettySolrRunner(home.toString(), new Properties(), config);
        jetty.start();

        CoreContainer cores = jetty.getCoreContainer();
        if (cores.getCoreInitFailures().containsKey(CORE)) {
            System.err.println("MEDCASE-SOLR-FAILED core " + CORE + ": " + cores.getCoreInitFailures().get(CORE).exception);
            Runtime.getRuntime().halt(2);
        }
        try (SolrCore core = cores.getCore(CORE)) {
            if (core == null) {
                System.err.println("MEDCASE-SOLR-FAILED core " + CORE + " did not load");
                Runtime.getRuntime().halt(2);
            }
        }
        System.out.println(READY + jetty.getLocalPort());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** solr.xml, and the core directory with a fresh copy of conf; the data directory is left as it is. */
    static void prepareHome(Path home, Path conf) throws IOException {
        Files.createDirectories(home);
        Path solrXml = home.resolve("solr.xml");
        if (!Files.exists(solrXml)) {
            Files.writeString(solrXml, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <solr>
                      <str name="sharedLib">${solr.sharedLib:}</str>
                      <int name="maxBooleanClauses">${solr.max.booleanClauses:1024}</int>
                    </solr>
                    """, StandardCharsets.UTF_8);
        }
        Path coreDir = home.resolve(CORE);
        Path coreConf = coreDir.resolve("conf");
        Files.createDirectories(coreConf);
        try (var files = Files.list(conf)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, coreConf.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path coreProperties = coreDir.resolve("core.properties");
        if (!Files.exists(coreProperties)) {
            Files.writeString(coreProperties, "name=" + CORE + "\n", StandardCharsets.UTF_8);
        }
    }

    /**
     * Solr's standalone security configuration ({@code <solr home>/security.json}): BasicAuthPlugin with the one user
     * (Sha256AuthenticationProvider's salted hash), RuleBasedAuthorizationPlugin with first-match permissions. The
     * predefined names come from Solr's {@code PermissionNameProvider.Name}; "all" last catches every other path.
     */
    static void writeSecurityJson(Path home, String user, String password) throws IOException {
        String hash = org.apache.solr.security.Sha256AuthenticationProvider.getSaltedHashedValue(password);
        String closed = "\"nobody-holds-this-role\"";
        StringBuilder permissions = new StringBuilder();
        for (String name : new String[]{"security-edit", "security-read", "config-edit", "config-read", "schema-edit",
                "core-admin-edit", "core-admin-read", "collection-admin-edit", "collection-admin-read", "metrics-read",
                "filestore-write", "filestore-read", "package-edit", "package-read"}) {
            permissions.append("{\"name\":\"").append(name).append("\",\"role\":").append(closed).append("},");
        }
        permissions.append("{\"name\":\"read\",\"role\":\"medcase\"},{\"name\":\"update\",\"role\":\"medcase\"},")
                .append("{\"name\":\"all\",\"role\":").append(closed).append("}");
        String json = """
                {"authentication":{"class":"solr.BasicAuthPlugin","blockUnknown":true,"forwardCredentials":false,
                  "realm":"medcase-solr","credentials":{"%s":"%s"}},
                 "authorization":{"class":"solr.RuleBasedAuthorizationPlugin","user-role":{"%s":["medcase"]},
                  "permissions":[%s]}}
                """.formatted(user, hash, user, permissions);
        Path file = home.resolve("security.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java -jar medcase-solr-embedded.jar home=DIR conf=DIR [port=0] [parent-pid=PID] [credentials=stdin]");
        System.exit(64);
    }
}
