package com.medcase.store.retention;

import com.medcase.retention.RetentionFacts;
import com.medcase.store.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every filing plans its own case at once, so the case-scoped planning query runs once per imported document.
 * Its cost must follow the planning queue (a few records in flight), not the size of the case: the query read
 * every record of the case at each filing, and an MLLP feed into one case slowed down as the case grew.
 * Measured with H2's own row counts ({@code EXPLAIN ANALYZE} prints {@code scanCount} per table).
 */
class ScopedPlanningCostTest {

    @TempDir
    Path dir;

    @Test
    void planningANewRecordOfALargeCaseReadsTheQueueNotTheCase() throws Exception {
        try (TestDatabase database = TestDatabase.h2(dir)) {
            JdbcRetentionFactsStore facts = new JdbcRetentionFactsStore(database.dataSource());
            facts.recordAll(twoThousandRecordsWithoutBirthDate(), f -> "case-big", f -> "claimant-1", "test");
            try (Connection c = database.dataSource().getConnection()) {
                c.createStatement().executeUpdate("DELETE FROM mc_retention_unplanned"); // the case's earlier records are planned
            }
            facts.record(new RetentionFacts("rec-new", "clinicalNotes", "US-CA", LocalDate.of(2026, 1, 2), null, null, null, false, null),
                    "case-big", "claimant-1", "test");

            String query = JdbcRetentionFactsStore.nextBatchQuery("case_id", 100, 0, 1);
            assertEquals(List.of("rec-new"), firstColumn(database, query, "", "case-big"));
            String plan = explainAnalyze(database, query, "", "case-big");
            assertTrue(rowsRead(plan) < 50, "planning one queued record of a 2,001-record case read " + rowsRead(plan) + " rows:\n" + plan);
        }
    }

    @Test
    void aClaimantWhoseBirthDateNoRecordKnowsIsLookedUpWithoutReadingTheirRecords() throws Exception {
        try (TestDatabase database = TestDatabase.h2(dir)) {
            JdbcRetentionFactsStore facts = new JdbcRetentionFactsStore(database.dataSource());
            facts.recordAll(twoThousandRecordsWithoutBirthDate(), f -> "case-1", f -> "claimant-no-dob", "test");
            facts.record(new RetentionFacts("rec-dob", "clinicalNotes", "US-CA", LocalDate.of(2026, 1, 1), null, null,
                    LocalDate.of(1970, 1, 2), false, null), "case-2", "claimant-dob", "test");

            assertEquals(java.util.Optional.empty(), facts.claimantBirthDateOf("claimant-no-dob"));
            assertEquals(java.util.Optional.of(LocalDate.of(1970, 1, 2)), facts.claimantBirthDateOf("claimant-dob"));
            String plan = explainAnalyze(database, JdbcRetentionFactsStore.CLAIMANT_BIRTH_DATE, "claimant-no-dob");
            assertTrue(rowsRead(plan) < 50, "the lookup read " + rowsRead(plan) + " rows:\n" + plan);
        }
    }

    private static List<RetentionFacts> twoThousandRecordsWithoutBirthDate() {
        List<RetentionFacts> facts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            facts.add(new RetentionFacts(String.format("rec-%05d", i), "clinicalNotes", "US-CA", LocalDate.of(2026, 1, 1),
                    null, null, null, false, null));
        }
        return facts;
    }

    private static List<String> firstColumn(TestDatabase database, String query, String... args) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    private static String explainAnalyze(TestDatabase database, String query, String... args) throws Exception {
        return firstColumn(database, "EXPLAIN ANALYZE " + query, args).get(0);
    }

    /** The rows H2 read, over every table of the plan. */
    private static long rowsRead(String plan) {
        long rows = 0;
        Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        while (scans.find()) {
            rows += Long.parseLong(scans.group(1));
        }
        return rows;
    }
}
