package com.medcase.service.storage;

import com.medcase.service.MovableClock;
import com.medcase.store.H2FileUpkeep;
import com.medcase.store.MedCaseDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The administrators' view of the database files, on a real H2 file and its real upkeep. */
class DatabaseFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFileNotForcedToDiskForFiveSecondsIsLateAndSaysWhatAPowerCutWouldLose() {
        // an upkeep whose sync is an hour away: nothing forces the file while the clock moves on
        try (HikariDataSource ds = MedCaseDatabase.pooled("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0", "sa", "", 2);
             H2FileUpkeep upkeep = H2FileUpkeep.start(ds, "db", new H2FileUpkeep.Settings(Duration.ofHours(1), 1 << 20, 80, Duration.ofHours(1)))) {
            MovableClock clock = new MovableClock(Instant.parse("2026-11-30T06:00:00Z"));
            DatabaseFiles files = new DatabaseFiles(List.of(DatabaseFileSource.of("service database", () -> Optional.of(upkeep)),
                    DatabaseFileSource.of("on PostgreSQL", Optional::empty)), clock);

            assertThat(files.files()).singleElement().satisfies(f -> {
                assertThat(f.name()).isEqualTo("service database");
                assertThat(f.status()).as("just started: not late yet").isEqualTo(DatabaseFiles.Status.OK);
                assertThat(f.lastSync()).isNull();
            });

            clock.advance(Duration.ofSeconds(6));
            DatabaseFiles.DatabaseFile late = files.files().get(0);
            assertThat(late.status()).isEqualTo(DatabaseFiles.Status.LATE);
            assertThat(late.advice()).contains("6 s").contains("power cut");
        }
    }

    @Test
    void onlyH2FilesOfThisProcessAreListed() {
        DatabaseFiles files = new DatabaseFiles(List.of(DatabaseFileSource.of("on PostgreSQL", Optional::empty)), Clock.systemUTC());
        assertThat(files.files()).isEmpty();
    }
}
