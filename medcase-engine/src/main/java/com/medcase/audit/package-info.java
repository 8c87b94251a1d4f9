/**
 * The tamper-evident audit ledger: append-only entries, each carrying the SHA-256 of its predecessor,
 * and a verifier that finds the first edited, deleted or reordered entry. Entries name the real
 * initiator of scheduled and system actions ("system:expiry-sweep on behalf of m.jones"), which
 * Alfresco's RM audit records only as the system user.
 */
package com.medcase.audit;
