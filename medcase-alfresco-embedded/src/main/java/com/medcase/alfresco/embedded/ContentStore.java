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
 * Content files under home/contentstore, URLs "store://yyyy/m/d/uuid.bin" as ACS's FileContentStore. A new file is
 * created at its final, never reused path (as FileContentStore.createNewFile does), owner-only from the moment it
 * exists, and fsynced before the transaction that references it commits: no row can point at content that a power
 * loss could take back. A file that a crash or a refused request leaves unreferenced is an orphan, never read.
 */
final class ContentStore {
    private final Path root;
    /** For key rotation's rewrites, which replace an existing file and so need a temp file and an atomic move. */
    private final Path tmp;
    /** The day directory last made: one directory check a day instead of one per document. */
    private volatile Path madeDirectory;
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
            ownerOnlyDirectory(root);
            ownerOnlyDirectory(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files are made owner-only as they are created ({@link #createOwnerOnly}); this is for the store's directories. */
    private static void ownerOnlyDirectory(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
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
            try (Opened in = open(f); FileChannel ch = createOwnerOnly(t)) {
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
        long size = 0;
        try {
            try (FileChannel ch = createInDirectory(target)) {
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
            return new Written("store://" + rel, size);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // an unreferenced orphan is never read
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private FileChannel createInDirectory(Path target) throws IOException {
        Path dir = target.getParent();
        if (!dir.equals(madeDirectory)) {
            Files.createDirectories(dir);
            madeDirectory = dir;
        }
        try {
            return createOwnerOnly(target);
        } catch (java.nio.file.NoSuchFileException removed) { // the day's directory was removed since: make it again
            Files.createDirectories(dir);
            return createOwnerOnly(target);
        }
    }

    /** Created with mode 0600 in the same call: never readable by others, not even between create and chmod. */
    private static FileChannel createOwnerOnly(Path p) throws IOException {
        var options = java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(p, options,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(p, options);
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
