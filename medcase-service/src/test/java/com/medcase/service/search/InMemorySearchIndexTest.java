package com.medcase.service.search;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A record the caller may not read must not show through totals, facets or paging. */
class InMemorySearchIndexTest {

    private final InMemorySearchIndex index = new InMemorySearchIndex();

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
        assertThat(olga.facets().get("serviceYear")).containsOnlyKeys("2024", "2025");

        // Paging past the readable matches yields nothing, not the hidden record.
        assertThat(searchAs(Set.of("olga"), 2, 10).hits()).isEmpty();
        assertThat(searchAs(Set.of("olga"), 1, 1).hits()).extracting(SearchIndex.Hit::id).containsExactly("r2");

        SearchIndex.Result manager = searchAs(Set.of("manon", "GROUP_MEDCASE_RECORDS_MANAGERS"), 0, 10);
        assertThat(manager.total()).isEqualTo(3);
        assertThat(manager.facets().get("providerName")).containsEntry("New Start Recovery", 1L);
    }

    @Test
    void aCallerWithNoMatchingAuthoritySeesNothingAtAll() {
        index.index(record("r1", "Riverside", "clinicalNotes", LocalDate.of(2025, 3, 1), Set.of("GROUP_MEDCASE_RECORDS_MANAGERS")));
        SearchIndex.Result nobody = searchAs(Set.of("stranger"), 0, 10);
        assertThat(nobody.total()).isZero();
        assertThat(nobody.facets().values()).allSatisfy(counts -> assertThat(counts).isEmpty());
    }

    @Test
    void facetFiltersNarrowWithinTheReadableSet() {
        index.index(record("r1", "Riverside", "clinicalNotes", LocalDate.of(2025, 3, 1), Set.of("olga")));
        index.index(record("r2", "Lakeside", "radiologyReport", LocalDate.of(2025, 3, 10), Set.of("olga")));
        SearchIndex.Result radiology = index.search(new SearchIndex.Query(null, "Lakeside", null, null,
                LocalDate.of(2025, 3, 5), null, 0, 10), Set.of("olga"));
        assertThat(radiology.hits()).extracting(SearchIndex.Hit::id).containsExactly("r2");
    }

    @Test
    void snippetsHighlightTheWordsAndComeOnlyFromRecordsTheCallerMayRead() {
        index.index(new SearchIndex.Document("x1", "xray.pdf", "WC-1", "CLM-1", "workersCompensation", "Lakeside", "radiologyReport",
                LocalDate.of(2025, 4, 2), Set.of(), "Radiology report. X-ray of the left wrist: no fracture seen.", Set.of("olga")));
        index.index(new SearchIndex.Document("x2", "secret.pdf", "WC-2", "CLM-2", "workersCompensation", "Lakeside", "radiologyReport",
                LocalDate.of(2025, 4, 3), Set.of("hiv"), "Fracture of the femur; HIV positive patient.", Set.of("manon")));
        SearchIndex.Result olga = index.search(new SearchIndex.Query("fracture", null, null, null, null, null, 0, 10), Set.of("olga"));
        assertThat(olga.total()).isEqualTo(1);
        assertThat(olga.hits()).extracting(SearchIndex.Hit::id).containsExactly("x1");
        String snippet = olga.hits().get(0).snippet();
        assertThat(snippet).contains(SearchIndex.MARK_START + "fracture" + SearchIndex.MARK_END).contains("no ");
        assertThat(olga.hits()).allSatisfy(h -> assertThat(String.valueOf(h.snippet())).doesNotContain("femur").doesNotContain("HIV"));
        SearchIndex.Result manon = index.search(new SearchIndex.Query("fracture", null, null, null, null, null, 0, 10), Set.of("manon"));
        assertThat(manon.hits()).extracting(SearchIndex.Hit::id).containsExactly("x2");
        assertThat(manon.hits().get(0).sensitivityLabels()).containsExactly("hiv");
        assertThat(manon.hits().get(0).snippet()).contains("femur");
        // Without words there is nothing to highlight.
        assertThat(index.search(new SearchIndex.Query(null, null, null, null, null, null, 0, 10), Set.of("olga")).hits().get(0).snippet()).isNull();
    }

    @Test
    void aCaseNumberNarrowsAndSortsTheCasePage() {
        index.index(new SearchIndex.Document("c1", "b.txt", "WC-7", "CLM-7", "disability", "P", "billing", LocalDate.of(2025, 1, 1), Set.of(), "", Set.of("olga")));
        index.index(new SearchIndex.Document("c2", "a.txt", "WC-7", "CLM-7", "disability", "P", "clinicalNotes", LocalDate.of(2024, 1, 1), Set.of(), "", Set.of("olga")));
        index.index(new SearchIndex.Document("c3", "c.txt", "WC-8", "CLM-8", "disability", "P", "billing", LocalDate.of(2025, 1, 1), Set.of(), "", Set.of("olga")));
        SearchIndex.Result byName = index.search(new SearchIndex.Query(null, null, null, null, null, null, "WC-7", "name", 0, 10), Set.of("olga"));
        assertThat(byName.hits()).extracting(SearchIndex.Hit::id).containsExactly("c2", "c1");
        SearchIndex.Result byDate = index.search(new SearchIndex.Query(null, null, null, null, null, null, "WC-7", null, 0, 10), Set.of("olga"));
        assertThat(byDate.hits()).extracting(SearchIndex.Hit::id).containsExactly("c1", "c2");
    }
}
