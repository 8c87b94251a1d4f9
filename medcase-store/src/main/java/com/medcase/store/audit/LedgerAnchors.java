package com.medcase.store.audit;

import com.medcase.audit.LedgerHead;
import com.medcase.audit.LedgerVerification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's anchors outside the database (issue 10): the head's sequence and hash, appended from time to time to a
 * file opened only for appending and fsynced. Every anchor must still match the ledger, so a rewrite of anything up to
 * the last anchor is found even by somebody who holds the ledger key, as long as this file is out of their reach: put
 * it on write-once storage (an append-only attribute, {@code chattr +a}, a WORM bucket or a log shipper).
 *
 * <p>Line format: {@code <instant> <sequence> <hash>}.
 */
public final class LedgerAnchors {

    private final Path file;
    private final Clock clock;

    public LedgerAnchors(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** Appends the current head unless it is already the last anchor; returns the anchored head when one was written. */
    public synchronized Optional<LedgerHead> anchor(JdbcAuditLedger ledger) {
        LedgerHead head = ledger.head();
        if (head.lastSequence() == 0 || last().filter(a -> a.sequence() == head.lastSequence()).isPresent()) {
            return Optional.empty();
        }
        String line = clock.instant() + " " + head.lastSequence() + " " + head.lastHash() + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
                out.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append the ledger anchor to " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(head);
    }

    /** Checks every anchor against the ledger: each anchored entry must still exist with the anchored hash. */
    public LedgerVerification verify(JdbcAuditLedger ledger) {
        List<Anchor> anchors = read();
        long checked = 0;
        for (Anchor a : anchors) {
            Optional<String> stored = ledger.hashAt(a.sequence());
            if (stored.isEmpty()) {
                return LedgerVerification.broken(checked, a.sequence(), "entry " + a.sequence() + ", anchored at " + a.at()
                        + " in " + file + ", is gone from the ledger");
            }
            if (!stored.get().equals(a.hash())) {
                return LedgerVerification.broken(checked, a.sequence(), "entry " + a.sequence() + " no longer has the hash its anchor "
                        + "recorded at " + a.at() + " in " + file + ": the ledger up to it was rewritten after it was anchored");
            }
            checked++;
        }
        return LedgerVerification.ok(checked);
    }

    record Anchor(String at, long sequence, String hash) {
    }

    private Optional<Anchor> last() {
        List<Anchor> all = read();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private List<Anchor> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII).stream().map(String::strip).filter(l -> !l.isEmpty())
                    .map(l -> l.split(" ")).filter(p -> p.length == 3)
                    .map(p -> new Anchor(p[0], Long.parseLong(p[1]), p[2])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ledger anchors " + file + ": " + e.getMessage(), e);
        }
    }
}
