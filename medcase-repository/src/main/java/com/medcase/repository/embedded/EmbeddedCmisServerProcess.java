package com.medcase.repository.embedded;

import com.medcase.repository.RepositoryException;
import com.medcase.repository.cmis.CmisSettings;
import com.medcase.repository.cmis.RepositoryFlavor;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Starts the embedded repository (medcase-cmis-embedded, Jetty 9.4) as a child process on loopback,
 * with a service account whose password is random for each start and never leaves this JVM, and
 * with the users from configuration, whose passwords are written only as PBKDF2 hashes.
 */
public final class EmbeddedCmisServerProcess implements AutoCloseable {

    public static final String SERVICE_USER = "medcase-service";
    private static final String READY = "MEDCASE-CMIS-READY port=";

    /** A user of the embedded repository: id, clear password (from configuration), groups. */
    public record User(String id, char[] password, Set<String> groups) {
    }

    private final Process process;
    private final int port;
    private final char[] servicePassword;
    private final Map<String, Set<String>> groupMembers;
    private final Path workDirectory;

    private EmbeddedCmisServerProcess(Process process, int port, char[] servicePassword, Map<String, Set<String>> groupMembers, Path workDirectory) {
        this.process = process;
        this.port = port;
        this.servicePassword = servicePassword;
        this.groupMembers = groupMembers;
        this.workDirectory = workDirectory;
    }

    /** Starts the server jar and waits (at most {@code timeout}) until it accepts requests. */
    public static EmbeddedCmisServerProcess start(Path serverJar, List<User> users, Duration timeout) throws IOException {
        if (!Files.isRegularFile(serverJar)) {
            throw new RepositoryException("Embedded repository jar not found at " + serverJar.toAbsolutePath()
                    + "; build it with ./mvnw -pl medcase-cmis-embedded package");
        }
        Path dir = Files.createTempDirectory("medcase-cmis-users");
        Path usersFile = dir.resolve("users.properties");
        char[] servicePassword = randomPassword();
        Map<String, Set<String>> groupMembers = new HashMap<>();
        try (Writer w = Files.newBufferedWriter(usersFile, StandardCharsets.UTF_8)) {
            w.write("# generated for one start of the embedded repository; hashes only\n");
            w.write("user." + SERVICE_USER + "=" + hash(servicePassword) + "\n");
            for (User u : users) {
                w.write("user." + u.id() + "=" + hash(u.password()) + "\n");
                if (!u.groups().isEmpty()) {
                    w.write("groups." + u.id() + "=" + String.join(",", u.groups()) + "\n");
                }
                u.groups().forEach(g -> groupMembers.computeIfAbsent(g, k -> new java.util.HashSet<>()).add(u.id()));
            }
        }
        try {
            Files.setPosixFilePermissions(usersFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the temp directory's own permissions apply
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", serverJar.toAbsolutePath().toString(),
                "port=0", "users=" + usersFile, "service-user=" + SERVICE_USER, "parent-pid=" + ProcessHandle.current().pid()));
        ReadyLineProcess.Started started;
        try {
            started = ReadyLineProcess.start(command, READY, null, timeout, "medcase-cmis-output");
        } catch (ReadyLineProcess.NotReadyException e) {
            throw new RepositoryException("The embedded repository did not start within " + timeout + e.explanation()
                    + "; run java -jar " + serverJar + " to see why", e);
        }
        return new EmbeddedCmisServerProcess(started.process(), started.port(), servicePassword, groupMembers, dir);
    }

    public String browserUrl() {
        return "http://127.0.0.1:" + port + "/cmis/browser";
    }

    public int port() {
        return port;
    }

    /** Settings for the service account; the password exists only in this JVM. */
    public CmisSettings serviceSettings(String rootPath) {
        return new CmisSettings(browserUrl(), "medcase", SERVICE_USER, new String(servicePassword), RepositoryFlavor.EMBEDDED,
                rootPath, groupMembers);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process the hard way, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        java.util.Arrays.fill(servicePassword, '\0');
        try (var files = Files.list(workDirectory)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(workDirectory);
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    /** Same encoding as the server's users file: pbkdf2$iterations$salt$hash. */
    static String hash(char[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = 120_000;
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            return "pbkdf2$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by every Java platform", e);
        }
    }
}
