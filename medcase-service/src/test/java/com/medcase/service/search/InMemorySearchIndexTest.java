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
        SearchIndexContract.snippetsHighlightTheWordsAndComeOnlyFromRecordsTheCallerMayRead(index);
    }

    @Test
    void aCaseNumberNarrowsAndSortsTheCasePage() {
        SearchIndexContract.aCaseNumberNarrowsAndSortsTheCasePage(index);
    }
}
