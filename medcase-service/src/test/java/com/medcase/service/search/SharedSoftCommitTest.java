package com.medcase.service.search;

import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.util.NamedList;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded default makes a filed record searchable before the filing returns (a soft commit after the
 * add). Concurrent filings share one commit, which opens one searcher for all of them: one commit per
 * document opened a searcher per imported document and held every MLLP sender's acknowledgement behind it.
 * Each filing still returns only after a commit that began after its own add (Solr's commit makes visible
 * what was added before it started: {@code DirectUpdateHandler2.commit} opens the new searcher on the
 * index writer's state at that point).
 */
class SharedSoftCommitTest {

    /** A Solr that records adds and commits; a commit takes 50 ms, as opening a searcher on a busy core does. */
    private static final class RecordingSolr extends SolrClient {
        final AtomicInteger adds = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();
        /** Adds seen when each finished commit began: what that commit made visible. */
        final List<Integer> visibleAtCommit = java.util.Collections.synchronizedList(new ArrayList<>());
        /** The number of adds once this thread's last add was in (the add runs on the caller's thread). */
        final ThreadLocal<Integer> myAdd = new ThreadLocal<>();

        @Override
        public NamedList<Object> request(SolrRequest<?> request, String collection) {
            UpdateRequest update = (UpdateRequest) request;
            if (update.getAction() == AbstractUpdateRequest.ACTION.COMMIT) {
                int visible = adds.get();
                commits.incrementAndGet();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                visibleAtCommit.add(visible);
            } else {
                myAdd.set(adds.addAndGet(update.getDocuments() == null ? 0 : update.getDocuments().size()));
            }
            return new NamedList<>();
        }

        @Override
        public void close() {
        }
    }

    private static SearchIndex.Document document(int i) {
        return new SearchIndex.Document("rec-" + i, "note-" + i + ".pdf", "CLM-1", "CLMT-1", "other", "Clinic", "clinicalNotes",
                LocalDate.of(2026, 1, 1), Set.of(), "text", Set.of("GROUP_medcase-records"));
    }

    @Test
    void concurrentFilingsShareOneSoftCommitAndEachReturnsVisible() throws Exception {
        RecordingSolr solr = new RecordingSolr();
        SolrSearchIndex index = new SolrSearchIndex(solr, "medcase", true);
        int filings = 12;
        ExecutorService pool = Executors.newFixedThreadPool(filings);
        try {
            List<Future<Boolean>> visibleOnReturn = new ArrayList<>();
            for (int i = 0; i < filings; i++) {
                int n = i;
                visibleOnReturn.add(pool.submit(() -> {
                    index.index(document(n));
                    // a commit that began once this call's add was in has finished
                    int mine = solr.myAdd.get();
                    synchronized (solr.visibleAtCommit) {
                        return solr.visibleAtCommit.stream().anyMatch(visible -> visible >= mine);
                    }
                }));
            }
            for (Future<Boolean> f : visibleOnReturn) {
                assertTrue(f.get(30, TimeUnit.SECONDS), "a filing returned before a commit covered its add");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(filings, solr.adds.get());
        assertTrue(solr.commits.get() < filings / 2, "12 concurrent filings made " + solr.commits.get() + " commits");
        assertEquals(filings, solr.visibleAtCommit.get(solr.visibleAtCommit.size() - 1), "the last commit covers every add");
    }

    @Test
    void aFilingAloneStillCommitsBeforeItReturns() {
        RecordingSolr solr = new RecordingSolr();
        SolrSearchIndex index = new SolrSearchIndex(solr, "medcase", true);
        index.index(document(1));
        index.index(document(2));
        assertEquals(List.of(1, 2), solr.visibleAtCommit);
    }

    @Test
    void anExternalSolrCommitsWithinItsDelayInstead() {
        RecordingSolr solr = new RecordingSolr();
        SolrSearchIndex index = new SolrSearchIndex(solr, "medcase");
        index.index(document(1));
        assertEquals(0, solr.commits.get());
    }
}
