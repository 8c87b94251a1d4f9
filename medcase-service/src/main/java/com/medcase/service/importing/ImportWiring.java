package com.medcase.service.importing;

import com.medcase.audit.AuditLedger;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.importing.pipeline.ImportAudit;
import com.medcase.importing.pipeline.ImportedRecordListener;
import com.medcase.importing.pipeline.LedgerImportAudit;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.service.search.SearchIndexer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the service adds to the import routes: their outcomes go to the audit ledger, and each
 * imported record gets its consent projection (ACL) and its search entry straight away.
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
    ImportedRecordListener projectAndIndexImportedRecords(RecordRepository repository, RecordAccessEnforcer enforcer,
                                                         SearchIndexer indexer) {
        return record -> {
            CaseFolder folder = repository.listCases().stream().filter(c -> c.id().equals(record.caseFolderId())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Imported record " + record.id() + " is in no known case"));
            enforcer.enforce(record.id(), (String) folder.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID),
                    RecordAccessEnforcer.Actor.system("import", ON_BEHALF_OF));
            indexer.indexRecord(repository.getRecord(record.id()), folder);
        };
    }
}
