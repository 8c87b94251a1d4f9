/**
 * JDBC persistence of the engines' state: plain JDBC over a {@link javax.sql.DataSource}, schema by
 * Flyway. Runs on the embedded H2 file database by default and on PostgreSQL in production.
 */
package com.medcase.store;
