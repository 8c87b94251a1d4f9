package com.medcase.service.storage;

import com.medcase.store.H2FileUpkeep;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The H2 file databases of this process and their health, for the REST endpoint and the console page alike.
 * <p>
 * A file is {@link Status#OK} while its upkeep has forced it to disk within {@link #SYNC_LATE_AFTER}: the upkeep does
 * so every 100 ms, so a power cut loses at most about the last tenth of a second of commits. Past that the file is
 * {@link Status#LATE} (a slow or failing disk, a stuck upkeep) and the answer says what a power cut could lose.
 */
@Service
public class DatabaseFiles {

    /** Fifty missed syncs: well past a busy disk's slow moment; a power cut then loses seconds, not a tenth of one. */
    static final Duration SYNC_LATE_AFTER = Duration.ofSeconds(5);

    public enum Status { OK, LATE }

    /**
     * One database file as an administrator reads it. Sizes in bytes; {@code livePercent}, {@code chunks} and
     * {@code writtenBytes} are -1 when H2 did not say (its store unreachable). {@code writtenBytes} counts what H2 wrote
     * to the file since this process opened it: against the file's size, how much of the disk's work is re-writing.
     */
    public record DatabaseFile(String name, Status status, String advice, long fileBytes, int livePercent, long chunks,
                               long writtenBytes, Instant lastSync, Long secondsSinceSync, long syncs, long slowestSyncMillis,
                               long compactions, long failures, String lastFailure) {
    }

    private final List<DatabaseFileSource> sources;
    private final Clock clock;
    private final Instant started;

    public DatabaseFiles(List<DatabaseFileSource> sources, Clock clock) {
        this.sources = List.copyOf(sources);
        this.clock = clock;
        this.started = clock.instant();
    }

    /** The H2 files of this process, in the order the configurations declared them; empty when none is an H2 file here. */
    public List<DatabaseFile> files() {
        Instant now = clock.instant();
        return sources.stream()
                .flatMap(source -> source.upkeep().map(upkeep -> view(source.name(), upkeep.stats(), now)).stream())
                .toList();
    }

    private DatabaseFile view(String name, H2FileUpkeep.Stats stats, Instant now) {
        // before the first sync, the time since start stands in for the time since the last one
        Instant since = stats.lastSync() != null ? stats.lastSync() : started;
        Duration age = Duration.between(since, now);
        boolean late = age.compareTo(SYNC_LATE_AFTER) > 0;
        String advice = late
                ? "Not forced to disk for " + age.toSeconds() + " s: a power cut could lose what was committed since. Check the disk"
                        + " and the log of H2FileUpkeep" + (stats.lastFailure() != null ? " (last failure: " + stats.lastFailure() + ")" : "") + "."
                : "Forced to disk every 100 ms; a power cut loses at most about the last tenth of a second.";
        return new DatabaseFile(name, late ? Status.LATE : Status.OK, advice, stats.fileBytes(), stats.livePercent(), stats.chunks(),
                stats.writtenBytes(), stats.lastSync(), stats.lastSync() == null ? null : age.toSeconds(), stats.syncs(), stats.slowestSyncMillis(),
                stats.compactions(), stats.failures(), stats.lastFailure());
    }
}
