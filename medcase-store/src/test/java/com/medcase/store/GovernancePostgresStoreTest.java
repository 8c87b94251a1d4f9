package com.medcase.store;

/** Issue 9's stores on PostgreSQL (a private schema on 127.0.0.1:5432). */
class GovernancePostgresStoreTest extends GovernanceStoreContractTest {
    @Override
    TestDatabase open() {
        return TestDatabase.postgres();
    }
}
