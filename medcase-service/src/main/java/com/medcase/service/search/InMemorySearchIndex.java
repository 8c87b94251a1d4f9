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
                .filter(d -> query.caseNumber() == null || query.caseNumber().equals(d.caseNumber()))
                .filter(d -> query.serviceFrom() == null || (d.serviceDate() != null && !d.serviceDate().isBefore(query.serviceFrom())))
                .filter(d -> query.serviceTo() == null || (d.serviceDate() != null && !d.serviceDate().isAfter(query.serviceTo())))
                .sorted(order(query.sort()).thenComparing(Document::id))
                .toList();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        if (!query.withFacets()) {
            FACETS.forEach(f -> facets.put(f, Map.of()));
            return new Result(matches.size(), page(matches, query), facets);
        }
        facets.put("providerName", count(matches, Document::providerName));
        facets.put("category", count(matches, Document::category));
        facets.put("caseType", count(matches, Document::caseType));
        facets.put("serviceYear", count(matches, d -> d.serviceDate() == null ? null : Integer.toString(d.serviceDate().getYear())));
        return new Result(matches.size(), page(matches, query), facets);
    }

    private static List<Hit> page(List<Document> matches, Query query) {
        return matches.stream().skip(query.start()).limit(query.rows())
                .map(d -> new Hit(d.id(), d.name(), d.caseNumber(), d.category(), d.providerName(), d.serviceDate(),
                        d.sensitivityLabels(), snippet(d.text(), query.text())))
                .toList();
    }

    private static Comparator<Document> order(String sort) {
        return switch (sort) {
            case "name" -> Comparator.comparing(Document::name, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));
            case "category" -> Comparator.comparing(Document::category, Comparator.nullsLast(Comparator.naturalOrder()));
            case "providerName" -> Comparator.comparing(Document::providerName, Comparator.nullsLast(Comparator.naturalOrder()));
            default -> Comparator.comparing(Document::serviceDate, Comparator.nullsLast(Comparator.reverseOrder()));
        };
    }

    /** Up to ~160 characters around the first query term found in the text, every term marked. */
    static String snippet(String text, String query) {
        if (text == null || text.isBlank() || query == null || query.isBlank()) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String[] terms = query.toLowerCase(Locale.ROOT).split("\\s+");
        int first = -1;
        for (String term : terms) {
            int at = lower.indexOf(term);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        if (first < 0) {
            return null;
        }
        int from = Math.max(0, first - 70);
        int to = Math.min(text.length(), first + 90);
        String passage = text.substring(from, to).replaceAll("\\s+", " ");
        StringBuilder marked = new StringBuilder();
        String passageLower = passage.toLowerCase(Locale.ROOT);
        int i = 0;
        outer:
        while (i < passage.length()) {
            for (String term : terms) {
                if (!term.isEmpty() && passageLower.startsWith(term, i)) {
                    marked.append(MARK_START).append(passage, i, i + term.length()).append(MARK_END);
                    i += term.length();
                    continue outer;
                }
            }
            marked.append(passage.charAt(i++));
        }
        return (from > 0 ? "… " : "") + marked + (to < text.length() ? " …" : "");
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
