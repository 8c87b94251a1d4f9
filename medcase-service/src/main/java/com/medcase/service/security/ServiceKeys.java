package com.medcase.service.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The service's secret keys, kept outside the data directory (issue 10): a copy or backup of {@code medcase.home}
 * alone carries no key. Each key comes from the environment ({@code MEDCASE_<NAME>_KEY}, base64) when set, else from
 * {@code <keyDirectory>/<name>.key}; absent both, 32 random bytes are generated into that file on first start
 * (directory 0700, file 0600). Keys are never logged.
 */
public final class ServiceKeys {

    private static final Logger log = LoggerFactory.getLogger(ServiceKeys.class);

    /** A key and whether this start generated it (the ledger seals its older entries only then). */
    public record Key(byte[] bytes, boolean generatedNow, String source) {
        @Override
        public String toString() {
            return "Key[" + source + "]";
        }
    }

    private final Path directory;
    private final Map<String, String> environment;

    public ServiceKeys(Path directory, Map<String, String> environment) {
        this.directory = directory;
        this.environment = environment;
    }

    public Path directory() {
        return directory;
    }

    /** The key {@code name} ("ledger", "database", "content"), loaded or generated. */
    public synchronized Key key(String name) {
        String variable = "MEDCASE_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_KEY";
        String fromEnv = environment.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Key(decode(fromEnv, variable), false, "environment " + variable);
        }
        Path file = directory.resolve(name + ".key");
        try {
            if (Files.isRegularFile(file)) {
                return new Key(decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString()), false, file.toString());
            }
            DataDirectories.createPrivate(directory);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException raced) {
                return key(name);
            }
            DataDirectories.restrictFile(file);
            log.info("Generated the {} key in {} (outside the data directory; back it up separately, or supply {} instead)",
                    name, file, variable);
            return new Key(key, true, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the " + name + " key " + file
                    + "; set medcase.protection.key-directory to a writable directory or supply " + variable, e);
        }
    }

    /**
     * Earlier keys of {@code name}, still accepted for reading during a rotation: the files {@code <name>.earlier*.key}
     * in the key directory, and {@code MEDCASE_<NAME>_EARLIER_KEYS} (comma-separated base64).
     */
    public java.util.List<byte[]> earlierKeys(String name) {
        java.util.List<byte[]> keys = new java.util.ArrayList<>();
        String variable = "MEDCASE_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_EARLIER_KEYS";
        String fromEnv = environment.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            for (String k : fromEnv.split(",")) {
                keys.add(decode(k, variable));
            }
        }
        if (Files.isDirectory(directory)) {
            try (var files = Files.newDirectoryStream(directory, name + ".earlier*.key")) {
                for (Path f : files) {
                    keys.add(decode(Files.readString(f, StandardCharsets.US_ASCII), f.toString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the earlier " + name + " keys in " + directory, e);
            }
        }
        return keys;
    }

    private static byte[] decode(String base64, String where) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            if (key.length < 16) {
                throw new IllegalArgumentException("The key in " + where + " has " + key.length + " bytes; use 32 random bytes, base64");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The key in " + where + " is not base64 of at least 16 bytes: " + e.getMessage(), e);
        }
    }

    /** Owner-only permissions for data and key locations, where the file system has POSIX permissions. */
    public static final class DataDirectories {
        private DataDirectories() {
        }

        public static Path createPrivate(Path dir) throws IOException {
            Files.createDirectories(dir);
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            return dir;
        }

        public static void restrictFile(Path file) throws IOException {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }
}
