package com.medcase.service.importing;

import com.medcase.audit.AuditLedger;
import com.medcase.importing.pipeline.ImportAudit;
import com.medcase.importing.pipeline.ImportedRecordListener;
import com.medcase.importing.pipeline.LedgerImportAudit;
import com.medcase.repository.RecordRepository;
import com.medcase.service.search.SearchIndexer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the service adds to the import routes: their outcomes go to the audit ledger, and each
 * imported record gets its search entry straight away (its ACL it already had when it was filed:
 * every filing goes through the governed repository).
 */
@Configuration(proxyBeanMethods = false)
class ImportWiring {

    /** Import routes run as a system job on behalf of the service's administrator. */
    static final String ON_BEHALF_OF = "admin";

    @Bean
    ImportAudit importAudit(AuditLedger ledger) {
        return new LedgerImportAudit(ledger, ON_BEHALF_OF);
    }

    @Bean
    ImportedRecordListener indexImportedRecords(RecordRepository repository, SearchIndexer indexer) {
        return record -> indexer.indexRecord(record, repository.getCase(record.caseFolderId()));
    }
}
