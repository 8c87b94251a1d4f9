package com.medcase.service.search;

import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SolrSearchIndex} against the REAL embedded Solr (medcase-solr-embedded, its own process, started once for
 * the class): a record the caller may not read changes no total, facet count or page; index, update and delete.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrSearchIndexTest {

    static Path solrJar() {
        Path jar = Path.of("../medcase-solr-embedded/target/medcase-solr-embedded.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Embedded Solr server jar missing at " + jar
                    + "; build it first: ./mvnw -pl medcase-solr-embedded -am package -DskipTests");
        }
        return jar;
    }

    @TempDir
    static Path home;

    private EmbeddedSolrProcess solr;
    private SolrClient client;
    private SolrSearchIndex index;

    @BeforeAll
    void startSolr() throws Exception {
        long t0 = System.nanoTime();
        solr = EmbeddedSolrProcess.start(solrJar(), home.resolve("solr"), Duration.ofSeconds(90));
        System.out.printf("embedded Solr ready in %d ms at %s%n", (System.nanoTime() - t0) / 1_000_000, solr.baseUrl());
        client = new HttpJdkSolrClient.Builder(solr.baseUrl()).useHttp1_1(true)
                .withBasicAuthCredentials(EmbeddedSolrProcess.SERVICE_USER, solr.password()).build();
        index = new SolrSearchIndex(client, EmbeddedSolrProcess.CORE, true);
    }

    @AfterAll
    void stopSolr() throws Exception {
        if (client != null) {
            client.close();
        }
        if (solr != null) {
            solr.close();
            assertThat(solr.isAlive()).isFalse();
        }
    }

    @BeforeEach
    void empty() throws Exception {
        client.deleteByQuery(EmbeddedSolrProcess.CORE, "*:*");
        client.commit(EmbeddedSolrProcess.CORE);
        assertThat(index.size()).isZero();
    }

    private static SearchIndex.Document record(String id, String provider, String category, LocalDate served, Set<String> readers) {
        return new SearchIndex.Document(id, id + ".txt", "WC-1", "CLM-1", "workersCompensation", provider, category, served,
                Set.of(), "knee injury follow-up", readers);
    }

    private SearchIndex.Result searchAs(Set<String> authorities, int start, int rows) {
        return index.search(new SearchIndex.Query("knee", null, null, null, null, null, start, rows), authorities);
    }

    @Test
    void hiddenRecordsChangeNoNumberTheCallerSees() {
        index.index(record("r1", "Riverside", "clinicalNotes", LocalDate.of(2025, 3, 1), Set.of("GROUP_MEDCASE_RECORDS_MANAGERS", "olga")));
        index.index(record("r2", "Riverside", "clinicalNotes", LocalDate.of(2024, 5, 1), Set.of("GROUP_MEDCASE_RECORDS_MANAGERS", "olga")));
        // Hidden from olga: a different provider, category and year, so any leak would show in a facet.
        index.index(record("r3", "New Start Recovery", "substanceUseTreatment", LocalDate.of(2023, 7, 1),
                Set.of("GROUP_MEDCASE_RECORDS_MANAGERS")));

        SearchIndex.Result olga = searchAs(Set.of("olga", "GROUP_INSURER_ACME"), 0, 10);
        assertThat(olga.total()).isEqualTo(2);
        assertThat(olga.hits()).extracting(SearchIndex.Hit::id).containsExactly("r1", "r2");
        assertThat(olga.facets().get("providerName")).containsOnlyKeys("Riverside").containsEntry("Riverside", 2L);
        assertThat(olga.facets().get("category")).containsOnlyKeys("clinicalNotes");
        assertThat(olga.facets().get("caseType")).containsOnlyKeys("workersCompensation").containsEntry("workersCompensation", 2L);
        assertThat(olga.facets().get("serviceYear")).containsOnlyKeys("2024", "2025");

        // Paging past the readable matches yields nothing, not the hidden record.
        assertThat(searchAs(Set.of("olga"), 2, 10).hits()).isEmpty();
        assertThat(searchAs(Set.of("olga"), 2, 10).total()).isEqualTo(2);
        assertThat(searchAs(Set.of("olga"), 1, 1).hits()).extracting(SearchIndex.Hit::id).containsExactly("r2");

        SearchIndex.Result manager = searchAs(Set.of("manon", "GROUP_MEDCASE_RECORDS_MANAGERS"), 0, 10);
        assertThat(manager.total()).isEqualTo(3);
        assertThat(manager.facets().get("providerName")).containsEntry("New Start Recovery", 1L);
        assertThat(manager.facets().get("serviceYear")).containsOnlyKeys("2023", "2024", "2025");
    }

    @Test
    void aCallerWithNoMatchingAuthoritySeesNothingAtAll() {
        index.index(record("r1", "Riverside", "clinicalNotes", LocalDate.of(2025, 3, 1), Set.of("GROUP_MEDCASE_RECORDS_MANAGERS")));
        for (Set<String> nobody : java.util.List.of(Set.of("stranger"), Set.<String>of())) {
            SearchIndex.Result result = searchAs(nobody, 0, 10);
            assertThat(result.total()).isZero();
            assertThat(result.hits()).isEmpty();
            assertThat(result.facets().values()).allSatisfy(counts -> assertThat(counts).isEmpty());
        }
    }

    @Test
    void facetFiltersNarrowWithinTheReadableSet() {
        index.index(record("r1", "Riverside", "clinicalNotes", LocalDate.of(2025, 3, 1), Set.of("olga")));
        index.index(record("r2", "Lakeside", "radiologyReport", LocalDate.of(2025, 3, 10), Set.of("olga")));
        index.index(record("r3", "Lakeside", "radiologyReport", LocalDate.of(2025, 3, 12), Set.of("manon")));
        SearchIndex.Result radiology = index.search(new SearchIndex.Query(null, "Lakeside", null, null,
                LocalDate.of(2025, 3, 5), null, 0, 10), Set.of("olga"));
        assertThat(radiology.hits()).extracting(SearchIndex.Hit::id).containsExactly("r2");
        assertThat(radiology.total()).isEqualTo(1);
        assertThat(radiology.facets().get("providerName")).containsExactly(java.util.Map.entry("Lakeside", 1L));
    }

    @Test
    void indexesUpdatesAndDeletesAtOnce() {
        index.index(record("r1", "Riverside", "clinicalNotes", LocalDate.of(2025, 3, 1), Set.of("olga")));
        assertThat(searchAs(Set.of("olga"), 0, 10).hits()).extracting(SearchIndex.Hit::providerName).containsExactly("Riverside");

        // An update (e.g. consent revoked and provider corrected) replaces the document: same id, new fields.
        index.index(record("r1", "Lakeside", "clinicalNotes", LocalDate.of(2025, 3, 1), Set.of("manon")));
        assertThat(index.size()).isEqualTo(1);
        assertThat(searchAs(Set.of("olga"), 0, 10).total()).isZero();
        SearchIndex.Result manon = searchAs(Set.of("manon"), 0, 10);
        assertThat(manon.hits()).extracting(SearchIndex.Hit::providerName).containsExactly("Lakeside");
        assertThat(manon.hits().get(0).serviceDate()).isEqualTo(LocalDate.of(2025, 3, 1));

        index.delete("r1");
        assertThat(searchAs(Set.of("manon"), 0, 10).total()).isZero();
        assertThat(index.size()).isZero();
    }

    @Test
    void latencyFigures() {
        int n = 200;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            index.index(record("bulk-" + i, i % 2 == 0 ? "Riverside" : "Lakeside", "clinicalNotes",
                    LocalDate.of(2020 + i % 5, 1 + i % 12, 1), Set.of(i % 3 == 0 ? "manon" : "olga")));
        }
        long indexMicros = (System.nanoTime() - t0) / 1000 / n;
        int searches = 100;
        long t1 = System.nanoTime();
        long total = 0;
        for (int i = 0; i < searches; i++) {
            total = searchAs(Set.of("olga"), i % 5, 20).total();
        }
        long searchMicros = (System.nanoTime() - t1) / 1000 / searches;
        assertThat(total).isEqualTo(n - (n + 2) / 3);
        System.out.printf("embedded Solr: index+soft-commit %d us/doc, faceted consent-filtered search %d us/query (%d docs)%n",
                indexMicros, searchMicros, n);
    }

    @Test
    void theIndexSurvivesARestartOfTheServer() throws Exception {
        Path dir = home.resolve("restart");
        try (EmbeddedSolrProcess first = EmbeddedSolrProcess.start(solrJar(), dir, Duration.ofSeconds(90));
             SolrClient c = new HttpJdkSolrClient.Builder(first.baseUrl()).useHttp1_1(true)
                     .withBasicAuthCredentials(EmbeddedSolrProcess.SERVICE_USER, first.password()).build()) {
            new SolrSearchIndex(c, EmbeddedSolrProcess.CORE, true)
                    .index(record("kept", "Riverside", "clinicalNotes", LocalDate.of(2025, 3, 1), Set.of("olga")));
        }
        try (EmbeddedSolrProcess second = EmbeddedSolrProcess.start(solrJar(), dir, Duration.ofSeconds(90));
             SolrClient c = new HttpJdkSolrClient.Builder(second.baseUrl()).useHttp1_1(true)
                     .withBasicAuthCredentials(EmbeddedSolrProcess.SERVICE_USER, second.password()).build()) {
            SolrSearchIndex reopened = new SolrSearchIndex(c, EmbeddedSolrProcess.CORE, true);
            assertThat(reopened.size()).isEqualTo(1);
            assertThat(reopened.search(new SearchIndex.Query("knee", null, null, null, null, null, 0, 10), Set.of("olga")).hits())
                    .extracting(SearchIndex.Hit::id).containsExactly("kept");
        }
    }

    @Test
    void snippetsHighlightTheWordsAndComeOnlyFromRecordsTheCallerMayRead() {
        SearchIndexContract.snippetsHighlightTheWordsAndComeOnlyFromRecordsTheCallerMayRead(index);
    }

    @Test
    void aCaseNumberNarrowsAndSortsTheCasePage() {
        SearchIndexContract.aCaseNumberNarrowsAndSortsTheCasePage(index);
    }
}
