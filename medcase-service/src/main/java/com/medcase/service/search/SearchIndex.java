package com.medcase.service.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search port. Every search is filtered by the caller's reader authorities BEFORE anything is
 * counted, faceted or paged, so a record the caller may not read changes no number it sees.
 */
public interface SearchIndex {

    void index(Document document);

    /** Many documents at once (a rebuild, a bulk load): one request per batch where the index allows it. */
    default void indexAll(java.util.Collection<Document> documents) {
        documents.forEach(this::index);
    }

    /**
     * Documents that may become searchable within about a second (imported records, after their senders' answers): no
     * commit of their own is waited for, so a stream of them shares one commit a second instead of one each.
     */
    default void indexAllSoon(java.util.Collection<Document> documents) {
        indexAll(documents);
    }

    void delete(String id);

    Result search(Query query, Set<String> readerAuthorities);

    /** One indexed record; {@code readers} are the principals (users, groups) consent lets read it. */
    record Document(String id, String name, String caseNumber, String claimantId, String caseType, String providerName,
                    String category, LocalDate serviceDate, Set<String> sensitivityLabels, String text, Set<String> readers) {
        public Document {
            sensitivityLabels = Set.copyOf(sensitivityLabels);
            readers = Set.copyOf(readers);
        }
    }

    /**
     * Free text plus facet filters; null means "any". {@code caseNumber} narrows to one case (the console's case
     * page lists its records through the index, paged); {@code sort} is one of {@link #SORTS} (service date, newest
     * first, by default); {@code withFacets} false skips the facet counts (a listing that shows none).
     */
    record Query(String text, String providerName, String category, String caseType, LocalDate serviceFrom,
                 LocalDate serviceTo, String caseNumber, String sort, int start, int rows, boolean withFacets) {
        public Query {
            start = Math.max(0, start);
            rows = Math.clamp(rows, 1, 200);
            sort = sort == null || !SORTS.contains(sort) ? "serviceDate" : sort;
        }

        public Query(String text, String providerName, String category, String caseType, LocalDate serviceFrom,
                     LocalDate serviceTo, int start, int rows) {
            this(text, providerName, category, caseType, serviceFrom, serviceTo, null, null, start, rows, true);
        }

        public Query(String text, String providerName, String category, String caseType, LocalDate serviceFrom,
                     LocalDate serviceTo, String caseNumber, String sort, int start, int rows) {
            this(text, providerName, category, caseType, serviceFrom, serviceTo, caseNumber, sort, start, rows, true);
        }
    }

    /** Sort orders: service date (newest first), name, category, provider (A to Z). */
    List<String> SORTS = List.of("serviceDate", "name", "category", "providerName");

    /**
     * One readable match. {@code snippet}: a passage of the record's text around the query terms, the terms
     * between {@link #MARK_START} and {@link #MARK_END} (null without a text query or a match in the text).
     * It is taken only from records the caller may read: the readers filter runs before highlighting.
     */
    record Hit(String id, String name, String caseNumber, String category, String providerName, LocalDate serviceDate,
               Set<String> sensitivityLabels, String snippet) {
        public Hit {
            sensitivityLabels = sensitivityLabels == null ? Set.of() : Set.copyOf(sensitivityLabels);
        }
    }

    /** Highlight markers in {@link Hit#snippet()}: private-use characters, so no document text can fake them. */
    String MARK_START = "\uE000";
    String MARK_END = "\uE001";

    /** {@code facets}: facet name ({@link #FACETS}) to value to count, all over the readable matches only. */
    record Result(long total, List<Hit> hits, Map<String, Map<String, Long>> facets) {
    }

    /** Facets: provider, category, case type, and date of service by year. */
    List<String> FACETS = List.of("providerName", "category", "caseType", "serviceYear");
}
