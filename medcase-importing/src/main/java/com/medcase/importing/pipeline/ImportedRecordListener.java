package com.medcase.importing.pipeline;

import com.medcase.repository.StoredRecord;

/** What the service does with each newly imported record (consent projection, indexing). */
@FunctionalInterface
public interface ImportedRecordListener {
    void recordImported(StoredRecord record);
}
