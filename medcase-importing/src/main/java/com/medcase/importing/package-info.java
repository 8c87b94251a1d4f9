/**
 * Provider import routes. Each channel ({@code hl7}, {@code filedrop}, {@code fhir}) turns what a
 * provider sends into {@link com.medcase.importing.pipeline.IncomingDocument}s; the shared
 * {@code pipeline} matches them to a case (claim number, else exact claimant name and date of birth,
 * else the review queue: never a guess), de-duplicates by SHA-256, files them with provenance, audits,
 * counts, and keeps whatever fails in the dead-letter store with its original bytes.
 */
package com.medcase.importing;
