package com.medcase.service.search;

import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SearchIndex} must do alike (the in-memory index of the tests and the Solr index of the
 * service): each implementation's test class runs these against its own index.
 */
final class SearchIndexContract {

    private SearchIndexContract() {
    }

    static void snippetsHighlightTheWordsAndComeOnlyFromRecordsTheCallerMayRead(SearchIndex index) {
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

    static void aCaseNumberNarrowsAndSortsTheCasePage(SearchIndex index) {
        index.index(new SearchIndex.Document("c1", "b.txt", "WC-7", "CLM-7", "disability", "P", "billing", LocalDate.of(2025, 1, 1), Set.of(), "", Set.of("olga")));
        index.index(new SearchIndex.Document("c2", "a.txt", "WC-7", "CLM-7", "disability", "P", "clinicalNotes", LocalDate.of(2024, 1, 1), Set.of(), "", Set.of("olga")));
        index.index(new SearchIndex.Document("c3", "c.txt", "WC-8", "CLM-8", "disability", "P", "billing", LocalDate.of(2025, 1, 1), Set.of(), "", Set.of("olga")));
        SearchIndex.Result byName = index.search(new SearchIndex.Query(null, null, null, null, null, null, "WC-7", "name", 0, 10), Set.of("olga"));
        assertThat(byName.hits()).extracting(SearchIndex.Hit::id).containsExactly("c2", "c1");
        SearchIndex.Result byDate = index.search(new SearchIndex.Query(null, null, null, null, null, null, "WC-7", null, 0, 10), Set.of("olga"));
        assertThat(byDate.hits()).extracting(SearchIndex.Hit::id).containsExactly("c1", "c2");
    }
}
