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
import java.util.UUID;

/**
 * Content files under home/contentstore: written to a temp file, fsynced and atomically moved into place before the
 * transaction that references them commits. URLs are "store://yyyy/m/d/uuid.bin" as ACS's FileContentStore.
 */
final class ContentStore {
    private final Path root;
    private final Path tmp;

    ContentStore(Path home) {
        this.root = home.resolve("contentstore").toAbsolutePath();
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                    size += n;
                }
                ch.force(true);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(t, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(t, target);
            }
            return new Written("store://" + rel, size);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(t);
            } catch (IOException ignored) {
                // best effort
            }
            throw new UncheckedIOException(e);
        }
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
