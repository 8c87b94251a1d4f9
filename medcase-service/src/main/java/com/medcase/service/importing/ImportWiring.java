package com.medcase.service.importing;

import com.medcase.audit.AuditLedger;
import com.medcase.importing.pipeline.ImportAudit;
import com.medcase.importing.pipeline.ImportedRecordListener;
import com.medcase.importing.pipeline.LedgerImportAudit;
import com.medcase.repository.StoredRecord;
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

    /** Import routes run as a system job on behalf of the service's administrator. */
    static final String ON_BEHALF_OF = "admin";

    @Bean
    ImportAudit importAudit(AuditLedger ledger) {
        return new LedgerImportAudit(ledger, ON_BEHALF_OF);
    }

    /** The search entries of imported records, made after the senders' acknowledgements, a batch at a time. */
    @Bean
    ImportedRecordListener indexImportedRecords(SearchIndexer indexer) {
        return new ImportedRecordListener() {
            @Override
            public void recordImported(StoredRecord record) {
                indexer.indexRecords(List.of(record));
            }

            @Override
            public void recordsImported(List<StoredRecord> records) {
                indexer.indexRecords(records);
            }
        };
    }
}
