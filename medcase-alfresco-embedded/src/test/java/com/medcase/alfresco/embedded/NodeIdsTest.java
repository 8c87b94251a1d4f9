package com.medcase.alfresco.embedded;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node ids keep ACS's form (a UUID string, as {@code org.alfresco.util.GUID.generate()} returns) and grow with time,
 * so that a filing's id lands in the newest leaf of the repository's id index instead of a random one.
 */
class NodeIdsTest {

    @Test
    void idsAreUuidsOfVersion7InAcssStringForm() {
        String id = NodeIds.next();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        UUID uuid = UUID.fromString(id);
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2); // RFC 9562's variant, as version 4's
        assertThat(uuid.toString()).isEqualTo(id);
    }

    @Test
    void idsSortAsTheyWereMadeAsStringsAndCarryTheirMillisecond() throws Exception {
        long before = System.currentTimeMillis();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            made.add(NodeIds.next());
        }
        long after = System.currentTimeMillis();
        // the database compares the strings: the order they were made in is their string order, within a millisecond too
        assertThat(made).isSorted();
        assertThat(new HashSet<>(made)).hasSize(made.size());
        long firstMillis = UUID.fromString(made.get(0)).getMostSignificantBits() >>> 16;
        long lastMillis = UUID.fromString(made.get(made.size() - 1)).getMostSignificantBits() >>> 16;
        assertThat(firstMillis).isBetween(before, after);
        assertThat(lastMillis).isBetween(firstMillis, after);
    }

    @Test
    void concurrentFilingsNeverShareAnId() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> parts = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                parts.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 10_000; i++) {
                        ids.add(NodeIds.next());
                    }
                    return ids;
                }));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> part : parts) {
                List<String> ids = part.get();
                // each thread's ids in the order it made them, within a millisecond too (JUG alone did not keep that
                // when another thread's older clock reading re-seeded its random part)
                assertThat(ids).isSorted();
                all.addAll(ids);
            }
            assertThat(all).hasSize(80_000);
        } finally {
            pool.shutdownNow();
        }
    }
}
