package com.medcase.service.search;

import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.SolrQuery;
import org.apache.solr.client.solrj.response.FacetField;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.response.RangeFacet;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.client.solrj.util.ClientUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Solr (a Solr URL, or SolrCloud through the same client API) with the schema in
 * {@code solr/medcase/conf}. The readers filter is a filter query, so Solr applies it before it
 * computes numFound, facets and the page.
 */
final class SolrSearchIndex implements SearchIndex, AutoCloseable {

    /** Solr commits within this delay, so a filed record is searchable about a second later. */
    private static final int COMMIT_WITHIN_MS = 1000;

    private final SolrClient client;
    private final String collection;
    /** The embedded default commits (soft) after every change, so a filed record is searchable at once. */
    private final boolean visibleAtOnce;

    SolrSearchIndex(SolrClient client, String collection) {
        this(client, collection, false);
    }

    SolrSearchIndex(SolrClient client, String collection, boolean visibleAtOnce) {
        this.client = client;
        this.collection = collection;
        this.visibleAtOnce = visibleAtOnce;
    }

    /** Closed with the context (Spring infers close()): SolrJ's client threads are not daemons and would keep a JVM alive. */
    @Override
    public void close() throws IOException {
        client.close();
    }

    /** Number of documents in the index, whoever may read them (for the start-up rebuild only). */
    long size() {
        SolrQuery all = new SolrQuery("*:*");
        all.setRows(0);
        return call(() -> client.query(collection, all)).getResults().getNumFound();
    }

    /*
     * One soft commit for the filings that wait at the same time (a group commit). Solr's commit makes visible
     * what was added before it began (DirectUpdateHandler2 opens the new searcher on the index writer's state
     * then), so a filing whose add is in waits for a commit that begins after it; concurrent filings share it.
     * One commit per document opened a searcher per imported document and held every sender's ACK behind it.
     */
    private final Object commitTurn = new Object();
    /** Filings whose add is in, numbered as they come. */
    private long addsIn;
    /** Every filing numbered up to this is visible. */
    private long visibleUpTo;
    private boolean committing;

    private void afterChange() {
        if (!visibleAtOnce) {
            return;
        }
        long mine;
        synchronized (commitTurn) {
            mine = ++addsIn;
        }
        while (true) {
            long covers;
            synchronized (commitTurn) {
                while (committing && visibleUpTo < mine) {
                    try {
                        commitTurn.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while waiting for the search index to commit", e);
                    }
                }
                if (visibleUpTo >= mine) {
                    return;
                }
                committing = true;
                covers = addsIn; // every filing numbered so far had its add in before this commit begins
            }
            boolean done = false;
            try {
                call(() -> client.commit(collection, true, true, true));
                done = true;
            } finally {
                synchronized (commitTurn) {
                    committing = false;
                    if (done) {
                        visibleUpTo = Math.max(visibleUpTo, covers);
                    }
                    commitTurn.notifyAll(); // on a failure the next waiter commits for itself
                }
            }
        }
    }

    @Override
    public void index(Document d) {
        SolrInputDocument doc = toSolr(d);
        call(() -> client.add(collection, doc, COMMIT_WITHIN_MS));
        afterChange();
    }

    /** One add request per call and one commit at the end, not one per document (14–32x faster in the first build's bench). */
    @Override
    public void indexAll(java.util.Collection<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        indexAllSoon(documents);
        afterChange();
    }

    /** Solr's commitWithin (a soft commit by default, {@code SolrConfig}'s commitWithin/softCommit) makes them visible. */
    @Override
    public void indexAllSoon(java.util.Collection<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        List<SolrInputDocument> batch = documents.stream().map(SolrSearchIndex::toSolr).toList();
        call(() -> client.add(collection, batch, COMMIT_WITHIN_MS));
    }

    private static SolrInputDocument toSolr(Document d) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.addField("id", d.id());
        doc.addField("name", d.name());
        doc.addField("nameSort", d.name() == null ? "" : d.name().toLowerCase(java.util.Locale.ROOT));
        doc.addField("caseNumber", d.caseNumber());
        doc.addField("claimantId", d.claimantId());
        doc.addField("caseType", d.caseType());
        doc.addField("providerName", d.providerName());
        doc.addField("category", d.category());
        if (d.serviceDate() != null) {
            doc.addField("serviceDate", Date.from(d.serviceDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        d.sensitivityLabels().forEach(label -> doc.addField("sensitivityLabels", label));
        doc.addField("text", d.text());
        d.readers().forEach(reader -> doc.addField("readers", reader));
        return doc;
    }

    @Override
    public void delete(String id) {
        call(() -> client.deleteById(collection, id, COMMIT_WITHIN_MS));
        afterChange();
    }

    @Override
    public Result search(Query query, Set<String> readerAuthorities) {
        SolrQuery solr = new SolrQuery(query.text() == null || query.text().isBlank() ? "*:*" : query.text());
        solr.set("defType", "edismax");
        solr.set("qf", "name text providerName");
        // The consent filter, first and always; an empty authority set matches nothing.
        solr.addFilterQuery(readerAuthorities.isEmpty() ? "-*:*"
                : "{!terms f=readers}" + String.join(",", readerAuthorities.stream().map(SolrSearchIndex::requireNoComma).toList()));
        addTermFilter(solr, "providerName", query.providerName());
        addTermFilter(solr, "category", query.category());
        addTermFilter(solr, "caseType", query.caseType());
        addTermFilter(solr, "caseNumber", query.caseNumber());
        if (query.serviceFrom() != null || query.serviceTo() != null) {
            solr.addFilterQuery("serviceDate:[" + day(query.serviceFrom()) + " TO " + day(query.serviceTo()) + "]");
        }
        solr.setFields("id", "name", "caseNumber", "category", "providerName", "serviceDate", "sensitivityLabels");
        solr.setStart(query.start());
        solr.setRows(query.rows());
        solr.addSort(query.sort().equals("name") ? "nameSort" : query.sort(),
                query.sort().equals("serviceDate") ? SolrQuery.ORDER.desc : SolrQuery.ORDER.asc);
        boolean highlight = query.text() != null && !query.text().isBlank();
        if (highlight) {
            // Highlighting runs on the page of documents Solr returns, which the readers filter query already
            // limited to records the caller may read: no snippet can come from any other record.
            solr.setHighlight(true);
            solr.set("hl.method", "unified");
            solr.set("hl.fl", "text");
            solr.set("hl.snippets", 1);
            solr.set("hl.fragsize", 160);
            solr.set("hl.tag.pre", MARK_START);
            solr.set("hl.tag.post", MARK_END);
            solr.set("hl.defaultSummary", false);
        }
        solr.addSort("id", SolrQuery.ORDER.asc);
        if (query.withFacets()) {
            solr.setFacet(true);
            solr.setFacetMinCount(1);
            solr.addFacetField("providerName", "category", "caseType");
            solr.addDateRangeFacet("serviceDate", Date.from(LocalDate.of(1970, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant()),
                    Date.from(LocalDate.now().plusYears(1).withDayOfYear(1).atStartOfDay(ZoneOffset.UTC).toInstant()), "+1YEAR");
        }
        QueryResponse response = call(() -> client.query(collection, solr));
        List<Hit> hits = new ArrayList<>();
        for (SolrDocument doc : response.getResults()) {
            Date served = (Date) doc.getFirstValue("serviceDate");
            String id = (String) doc.getFirstValue("id");
            java.util.Collection<Object> labels = doc.getFieldValues("sensitivityLabels");
            String snippet = null;
            if (highlight && response.getHighlighting() != null && response.getHighlighting().get(id) != null) {
                List<String> passages = response.getHighlighting().get(id).get("text");
                snippet = passages == null || passages.isEmpty() ? null : passages.get(0);
            }
            hits.add(new Hit(id, (String) doc.getFirstValue("name"),
                    (String) doc.getFirstValue("caseNumber"), (String) doc.getFirstValue("category"),
                    (String) doc.getFirstValue("providerName"),
                    served == null ? null : LocalDate.ofInstant(served.toInstant(), ZoneOffset.UTC),
                    labels == null ? Set.of() : labels.stream().map(Object::toString).collect(java.util.stream.Collectors.toSet()),
                    snippet));
        }
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String field : List.of("providerName", "category", "caseType")) {
            Map<String, Long> counts = new TreeMap<>();
            FacetField facet = response.getFacetField(field);
            if (facet != null) {
                facet.getValues().forEach(c -> counts.put(c.getName(), c.getCount()));
            }
            facets.put(field, counts);
        }
        Map<String, Long> years = new TreeMap<>();
        for (RangeFacet<?, ?> range : response.getFacetRanges() == null ? List.<RangeFacet>of() : response.getFacetRanges()) {
            for (RangeFacet.Count c : range.getCounts()) {
                if (c.getCount() > 0) {
                    years.put(c.getValue().substring(0, 4), (long) c.getCount());
                }
            }
        }
        facets.put("serviceYear", years);
        return new Result(response.getResults().getNumFound(), hits, facets);
    }

    private static void addTermFilter(SolrQuery solr, String field, String value) {
        if (value != null && !value.isBlank()) {
            solr.addFilterQuery(field + ":" + ClientUtils.escapeQueryChars(value));
        }
    }

    private static String day(LocalDate date) {
        return date == null ? "*" : date.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    }

    private static String requireNoComma(String authority) {
        if (authority.contains(",")) {
            throw new IllegalArgumentException("Authority '" + authority + "' contains a comma, which the readers filter cannot carry");
        }
        return authority;
    }

    private interface SolrCall<T> {
        T run() throws SolrServerException, IOException;
    }

    private static <T> T call(SolrCall<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Solr is not reachable; check medcase.search.solr-url", e);
        } catch (SolrServerException e) {
            throw new IllegalStateException("Solr refused the request: " + e.getMessage(), e);
        }
    }
}
