package com.medcase.alfresco.embedded;

import com.medcase.store.H2FileUpkeep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's H2 database is kept like the service's: written at each commit, forced to disk every 100 ms and
 * compacted (without {@link H2FileUpkeep} an H2 file with WRITE_DELAY=0 has no housekeeping and grows by a chunk per
 * commit). {@code H2FileUpkeepTest} in medcase-store shows the growth and the bound; this shows the repository uses it.
 */
class DbUpkeepTest {

    @TempDir
    Path home;

    @Test
    void theDefaultH2DatabaseIsForcedEachSecondByItsUpkeep() throws Exception {
        try (Db db = new Db(new EmbeddedAlfrescoSettings(home, null, null, null, 0, "admin", "pw".toCharArray()))) {
            H2FileUpkeep upkeep = db.upkeep();
            assertThat(upkeep).isNotNull();
            Instant until = Instant.now().plus(Duration.ofSeconds(10));
            while (upkeep.stats().syncs() < 2 && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            assertThat(upkeep.stats().syncs()).as("CHECKPOINT SYNC runs on its own, every 100 ms").isGreaterThanOrEqualTo(2);
            assertThat(upkeep.stats().failures()).isZero();
        }
    }

    @Test
    void anOwnersH2UrlIsKeptToo() throws Exception {
        String url = "jdbc:h2:file:" + home.resolve("elsewhere").toAbsolutePath() + ";WRITE_DELAY=0";
        try (Db db = new Db(new EmbeddedAlfrescoSettings(home, url, null, null, 0, "admin", "pw".toCharArray()))) {
            assertThat(db.upkeep()).isNotNull();
        }
    }
}
