package com.medcase.importing.pipeline;

import com.medcase.repository.StoredRecord;

import java.util.List;

/**
 * What the service does with each newly imported record (its search entry). Called after the sender's
 * acknowledgement, in batches, at least once: a batch interrupted by a crash is given again after the restart, so an
 * implementation must be idempotent (indexing a record twice leaves one entry).
 */
@FunctionalInterface
public interface ImportedRecordListener {
    void recordImported(StoredRecord record);

    /** A batch of records filed close together; override to handle them in one go (one index request, one commit). */
    default void recordsImported(List<StoredRecord> records) {
        records.forEach(this::recordImported);
    }

    /** A listener that handles records in batches only: one record is a batch of one. */
    static ImportedRecordListener inBatches(java.util.function.Consumer<List<StoredRecord>> batch) {
        return new ImportedRecordListener() {
            @Override
            public void recordImported(StoredRecord record) {
                batch.accept(List.of(record));
            }

            @Override
            public void recordsImported(List<StoredRecord> records) {
                batch.accept(records);
            }
        };
    }
}
