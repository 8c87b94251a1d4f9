package com.medcase.store;

import java.nio.file.Files;
import java.nio.file.Path;

/** The embedded default: H2 file database in PostgreSQL mode. */
class H2StoreTest extends StoreContractTest {
    @Override
    TestDatabase open() {
        try {
            return TestDatabase.h2(Files.createTempDirectory("medcase-h2"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
