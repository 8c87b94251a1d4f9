package com.medcase.alfresco.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Content files under home/contentstore: written to a temp file, fsynced and atomically moved into place before the
 * transaction that references them commits. URLs are "store://yyyy/m/d/uuid.bin" as ACS's FileContentStore.
 */
final class ContentStore {
    private final Path root;
    private final Path tmp;
    /** Null: files are stored as sent (the embedded repository's default outside the service). */
    private final ContentEncryption encryption;

    ContentStore(Path home) {
        this(home, null);
    }

    /** With {@code encryption}, every new file is encrypted (AES-256-GCM, {@link ContentEncryption}); directories are owner-only. */
    ContentStore(Path home, ContentEncryption encryption) {
        this.root = home.resolve("contentstore").toAbsolutePath();
        this.tmp = root.resolve("tmp");
        this.encryption = encryption;
        try {
            Files.createDirectories(tmp);
            ownerOnly(root, true);
            ownerOnly(tmp, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void ownerOnly(Path p, boolean directory) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            java.nio.file.Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
        }
    }

    /** A stored file opened for reading: its plaintext and the plaintext's size. */
    record Opened(InputStream stream, long size) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /** The plaintext content of a stored file, decrypted when it was stored encrypted; one open, header read once. */
    Opened open(Path file) throws IOException {
        // No extra buffer: records are mostly small, and the decrypting stream reads whole chunks itself.
        InputStream in = Files.newInputStream(file);
        try {
            long stored = Files.size(file);
            byte[] head = in.readNBytes(ContentEncryption.MAGIC.length);
            if (!ContentEncryption.isEncrypted(head)) {
                // written before encryption was enabled: plaintext until re-encrypted
                return new Opened(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in), stored);
            }
            if (encryption == null) {
                throw new IOException("Content file " + file.getFileName() + " is encrypted but no content key is configured");
            }
            int len = in.read();
            String keyId = new String(in.readNBytes(Math.max(len, 0)), java.nio.charset.StandardCharsets.US_ASCII);
            return new Opened(encryption.decrypting(in, keyId), ContentEncryption.plainSize(stored, ContentEncryption.headerSize(keyId)));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The plaintext size of a stored file. */
    long size(Path file) throws IOException {
        if (file == null || !Files.exists(file)) {
            return 0;
        }
        long stored = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            String keyId = ContentEncryption.keyIdOf(in);
            return keyId == null ? stored : ContentEncryption.plainSize(stored, ContentEncryption.headerSize(keyId));
        }
    }

    /**
     * Key rotation: rewrites every file that is not encrypted under the current key (plaintext from before encryption,
     * or an earlier key) under the current key, each atomically (temp file, fsync, move). Returns how many were rewritten.
     * Readers meanwhile read either version, since both keys are configured.
     */
    long reencrypt() throws IOException {
        if (encryption == null) {
            throw new IllegalStateException("No content key is configured");
        }
        List<Path> files;
        try (var walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.startsWith(tmp)).toList();
        }
        long rewritten = 0;
        for (Path f : files) {
            String keyId;
            try (InputStream in = Files.newInputStream(f)) {
                keyId = ContentEncryption.keyIdOf(in);
            }
            if (encryption.currentKeyId().equals(keyId)) {
                continue;
            }
            Path t = tmp.resolve(UUID.randomUUID() + ".tmp");
            try (Opened in = open(f); FileChannel ch = FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ownerOnly(t, false);
                var out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 128 * 1024);
                encryption.encrypt(in.stream(), out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(t, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(t, f, StandardCopyOption.REPLACE_EXISTING);
            }
            rewritten++;
        }
        return rewritten;
    }

    record Written(String url, long size) { }

    Written write(InputStream in) {
        LocalDate d = LocalDate.now(ZoneOffset.UTC);
        String rel = d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth() + "/" + UUID.randomUUID() + ".bin";
        Path target = root.resolve(rel);
        Path t = tmp.resolve(UUID.randomUUID() + ".tmp");
        long size = 0;
        try {
            try (FileChannel ch = FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ownerOnly(t, false);
                if (encryption != null) {
                    var out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 128 * 1024);
                    size = encryption.encrypt(in, out);
                    out.flush();
                } else {
                    byte[] buf = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                        while (bb.hasRemaining()) {
                            ch.write(bb);
                        }
                        size += n;
                    }
                }
                ch.force(true);
            }
            return move(t, target, size);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(t);
            } catch (IOException ignored) {
                // best effort
            }
            throw new UncheckedIOException(e);
        }
    }

    private Written move(Path t, Path target, long size) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(t, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(t, target);
        }
        return new Written("store://" + root.relativize(target).toString().replace(java.io.File.separatorChar, '/'), size);
    }

    Path path(String url) {
        if (url == null || !url.startsWith("store://")) {
            throw new IllegalArgumentException("not a content url");
        }
        Path p = root.resolve(url.substring("store://".length())).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("content url outside the store");
        }
        return p;
    }

    void delete(String url) {
        if (url == null) {
            return;
        }
        try {
            Files.deleteIfExists(path(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteAll(Collection<String> urls) {
        for (String u : urls) {
            try {
                delete(u);
            } catch (RuntimeException ignored) {
                // an orphan left on disk is not worth failing a committed operation
            }
        }
    }
}
