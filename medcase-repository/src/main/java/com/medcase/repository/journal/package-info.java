/**
 * Durability for the embedded repository, which keeps everything in memory: a JDBC journal of every
 * claimant, case, record (content on disk by SHA-256), ACL and hold mark, and a replay that rebuilds a
 * fresh repository after a restart. Callers see stable ids that survive the rebuild.
 */
package com.medcase.repository.journal;
