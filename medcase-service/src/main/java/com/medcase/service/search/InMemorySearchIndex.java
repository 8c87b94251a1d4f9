package com.medcase.service.search;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The embedded default's index, in process. Stand-in for EmbeddedSolrServer, which cannot be
 * resolved here (see the POM); same contract as {@link SolrSearchIndex}, rebuilt at start-up from
 * the repository. Fine for the quickstart's volumes, not for production (configure a Solr URL).
 */
final class InMemorySearchIndex implements SearchIndex {

    private final Map<String, Document> documents = new ConcurrentHashMap<>();

    @Override
    public void index(Document document) {
        documents.put(document.id(), document);
    }

    @Override
    public void delete(String id) {
        documents.remove(id);
    }

    @Override
    public Result search(Query query, Set<String> readerAuthorities) {
        // Readers first: everything after this line only ever sees records the caller may read.
        List<Document> matches = documents.values().stream()
                .filter(d -> !Collections.disjoint(d.readers(), readerAuthorities))
                .filter(d -> matchesText(d, query.text()))
                .filter(d -> query.providerName() == null || query.providerName().equals(d.providerName()))
                .filter(d -> query.category() == null || query.category().equals(d.category()))
                .filter(d -> query.caseType() == null || query.caseType().equals(d.caseType()))
                .filter(d -> query.serviceFrom() == null || (d.serviceDate() != null && !d.serviceDate().isBefore(query.serviceFrom())))
                .filter(d -> query.serviceTo() == null || (d.serviceDate() != null && !d.serviceDate().isAfter(query.serviceTo())))
                .sorted(Comparator.comparing(Document::serviceDate, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Document::id))
                .toList();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        facets.put("providerName", count(matches, Document::providerName));
        facets.put("category", count(matches, Document::category));
        facets.put("caseType", count(matches, Document::caseType));
        facets.put("serviceYear", count(matches, d -> d.serviceDate() == null ? null : Integer.toString(d.serviceDate().getYear())));
        List<Hit> page = matches.stream().skip(query.start()).limit(query.rows())
                .map(d -> new Hit(d.id(), d.name(), d.caseNumber(), d.category(), d.providerName(), d.serviceDate()))
                .toList();
        return new Result(matches.size(), page, facets);
    }

    private static boolean matchesText(Document d, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String haystack = (d.name() + " " + d.text() + " " + d.providerName()).toLowerCase(Locale.ROOT);
        for (String term : text.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!haystack.contains(term)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Long> count(List<Document> documents, Function<Document, String> value) {
        return documents.stream().map(value).filter(java.util.Objects::nonNull)
                .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
    }
}
