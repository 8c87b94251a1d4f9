package com.medcase.alfresco.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded repository's H2 file is forced to the disk every second, and H2 keeps chunks it no longer needs for
 * 5 s instead of its default 45 s (H2's FileStore.setRetentionTime: the retention time assumes the file system has
 * written the newer chunks by then, which the forced write makes true). Power loss itself is not simulated here; that
 * acknowledged commits survive a killed process is {@link KillAfterAcknowledgementTest}.
 */
class H2FileSyncTest {

    @TempDir
    Path home;

    @Test
    void theFileIsForcedToDiskEverySecondAndOldChunksAreKeptFiveSeconds() throws Exception {
        try (Db db = new Db(new EmbeddedAlfrescoSettings(home, null, null, null, 0, "admin", "admin-Pw-1!".toCharArray()))) {
            long retention = db.tx(c -> {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'RETENTION_TIME'")) {
                    return rs.next() ? Long.parseLong(rs.getString(1)) : -1L;
                }
            });
            assertThat(retention).isEqualTo(H2FileSync.RETENTION_MILLIS);

            long before = H2FileSync.SYNCS.get();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (H2FileSync.SYNCS.get() < before + 2 && System.nanoTime() < deadline) {
                Thread.sleep(50); // the background sync runs once a second: that period is what is checked
            }
            assertThat(H2FileSync.SYNCS.get()).as("two forced writes within 5 s").isGreaterThanOrEqualTo(before + 2);
        }
    }
}
