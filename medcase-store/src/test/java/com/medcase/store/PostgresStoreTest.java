package com.medcase.store;

/** Production database: the PostgreSQL on 127.0.0.1:5432 (fails, saying how to start it, when absent). */
class PostgresStoreTest extends StoreContractTest {
    @Override
    TestDatabase open() {
        return TestDatabase.postgres();
    }
}
