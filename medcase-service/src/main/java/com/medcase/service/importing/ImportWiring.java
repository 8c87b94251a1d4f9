package com.medcase.service.importing;

import com.medcase.audit.AuditLedger;
import com.medcase.importing.pipeline.ImportAudit;
import com.medcase.importing.pipeline.ImportedRecordListener;
import com.medcase.importing.pipeline.LedgerImportAudit;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
import com.medcase.service.retention.RetentionFiling;
import com.medcase.service.search.SearchIndexer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * What the service adds to the import routes: their outcomes go to the audit ledger, and each imported record gets its
 * search entry just after its sender's acknowledgement (as ACS indexes a committed transaction: a record is searchable
 * a moment after it is filed; its ACL it already had when it was filed, since every filing goes through the governed
 * repository). A crash in between is repaired by the import pipeline's follow-up recovery.
 */
@Configuration(proxyBeanMethods = false)
class ImportWiring {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImportWiring.class);

    /** Import routes run as a system job on behalf of the service's administrator. */
    static final String ON_BEHALF_OF = "admin";

    @Bean
    ImportAudit importAudit(AuditLedger ledger) {
        return new LedgerImportAudit(ledger, ON_BEHALF_OF);
    }

    /**
     * What follows an imported record's filing, after its sender's acknowledgement: its search entry, a batch at a time,
     * and its retention facts when a crash between the repository's filing and the governed repository's listeners
     * left it without them (a record found by the import's lease takeover or its recovery). The legal holds that such
     * a record should join are repaired by {@code HoldCoverageJob}.
     */
    @Bean
    ImportedRecordListener followImportedRecords(SearchIndexer indexer, RetentionFiling retention, RecordRepository repository) {
        return ImportedRecordListener.inBatches(records -> {
            for (StoredRecord record : records) {
                // a record with facts (all but those a crash left) needs no case lookup here
                if (retention.ensureFacts(record, () -> repository.getCase(record.caseFolderId()))) {
                    LOG.warn("Imported record {} had no retention facts (a crash before its filing listeners ran); recorded now", record.id());
                }
            }
            indexer.indexRecords(records);
        });
    }
}
