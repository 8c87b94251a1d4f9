package com.medcase.store;

import java.nio.file.Files;

/** Issue 9's stores on the embedded default (H2 file, PostgreSQL mode). */
class GovernanceH2StoreTest extends GovernanceStoreContractTest {
    @Override
    TestDatabase open() {
        try {
            return TestDatabase.h2(Files.createTempDirectory("medcase-h2-governance"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
