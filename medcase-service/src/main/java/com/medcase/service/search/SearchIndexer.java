package com.medcase.service.search;

import com.medcase.consent.RecordFacts;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
import com.medcase.service.records.RecordAccess;
import com.medcase.store.consent.JdbcAuthorizationStore;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the index in step with the repository: called when a record is filed and when a consent
 * change moves who may read a claimant's records. Readers are the ACL authorities the enforcer sets on
 * the record; the caller's authorities (with its authorization groups) are resolved per query.
 */
@Service
public class SearchIndexer {

    /** Records larger than this are indexed by their metadata only (their text is not extracted). */
    private static final long MAX_CONTENT_BYTES = 50L << 20;

    private final SearchIndex index;
    private final RecordRepository repository;
    private final RecordAccess recordAccess;
    private final RecordAccessEnforcer enforcer;
    private final JdbcAuthorizationStore authorizations;
    private final Clock clock;
    private final ContentText contentText;

    SearchIndexer(SearchIndex index, RecordRepository repository, RecordAccess recordAccess, RecordAccessEnforcer enforcer,
                  JdbcAuthorizationStore authorizations, Clock clock, ContentText contentText) {
        this.contentText = contentText;
        this.index = index;
        this.repository = repository;
        this.recordAccess = recordAccess;
        this.enforcer = enforcer;
        this.authorizations = authorizations;
        this.clock = clock;
    }

    public void indexRecord(StoredRecord record, CaseFolder caseFolder) {
        index.index(document(record, caseFolder));
    }

    /** Records filed close together (an import batch): one index request, searchable within about a second. */
    public void indexRecords(java.util.List<StoredRecord> records) {
        // a batch is mostly one case and one claimant: each is read once for it
        java.util.Map<String, CaseFolder> cases = new java.util.HashMap<>();
        java.util.Map<String, com.medcase.consent.ClaimantConsents> consents = new java.util.HashMap<>();
        java.util.List<SearchIndex.Document> documents = new java.util.ArrayList<>(records.size());
        for (StoredRecord r : records) {
            documents.add(document(r, cases.computeIfAbsent(r.caseFolderId(), repository::getCase),
                    claimant -> consents.computeIfAbsent(claimant, authorizations::consentsOf)));
        }
        index.indexAllSoon(documents);
    }

    private SearchIndex.Document document(StoredRecord record, CaseFolder caseFolder) {
        return document(record, caseFolder, authorizations::consentsOf);
    }

    private SearchIndex.Document document(StoredRecord record, CaseFolder caseFolder,
                                          java.util.function.Function<String, com.medcase.consent.ClaimantConsents> consentsOf) {
        RecordFacts facts = recordAccess.factsOf(record);
        // Readers are the record's ACL authorities (role groups, authorization groups), as ACS's index keeps them.
        Set<String> readerAuthorities = new TreeSet<>(enforcer.aclFor(facts, consentsOf.apply(facts.claimantId()), clock.instant())
                .entries().keySet());
        return new SearchIndex.Document(record.id(), record.name(), caseFolder.caseNumber(), facts.claimantId(),
                (String) caseFolder.properties().get(MedCaseModel.PROP_CASE_TYPE),
                (String) record.properties().get(MedCaseModel.PROP_SOURCE_PROVIDER_NAME), facts.category(),
                facts.serviceFrom(), facts.sensitivityLabels(), textOf(record), readerAuthorities);
    }

    /** After a consent change: every record of the claimant gets its readers recomputed. */
    public int reindexClaimant(String claimantId) {
        java.util.List<SearchIndex.Document> documents = new java.util.ArrayList<>();
        for (CaseFolder c : repository.listCases()) {
            if (claimantId.equals(c.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID))) {
                for (StoredRecord r : repository.listRecords(c.id())) {
                    documents.add(document(r, c));
                }
            }
        }
        // One request (and, for the embedded Solr, one commit) for the claimant's records, not one per record.
        index.indexAll(documents);
        return documents.size();
    }

    /** Everything, e.g. at start-up of the embedded default whose index lives in memory. */
    public int reindexAll() {
        int count = 0;
        java.util.List<SearchIndex.Document> batch = new java.util.ArrayList<>();
        for (CaseFolder c : repository.listCases()) {
            for (StoredRecord r : repository.listRecords(c.id())) {
                batch.add(document(r, c));
                count++;
                if (batch.size() == 500) {
                    index.indexAll(batch);
                    batch.clear();
                }
            }
        }
        index.indexAll(batch);
        return count;
    }

    public void remove(String recordId) {
        index.delete(recordId);
    }

    /** The record's text as Apache Tika extracts it (PDF, office formats, plain text…). */
    private String textOf(StoredRecord record) {
        if (record.contentLength() <= 0 || record.contentLength() > MAX_CONTENT_BYTES) {
            return "";
        }
        String type = record.mimeType();
        try {
            if (type != null && !type.isBlank() && !type.startsWith("application/octet-stream")) {
                try (InputStream in = repository.readContent(record.id())) {
                    java.util.Optional<String> text = contentText.extractAs(record.id(), record.name(), type, in);
                    if (text.isPresent()) {
                        return text.get();
                    }
                }
            }
            // no type, or the bytes are not what the type says: let Tika detect it
            try (InputStream in = repository.readContent(record.id())) {
                return contentText.extract(record.id(), record.name(), type, in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read record " + record.id() + " for indexing", e);
        }
    }
}
