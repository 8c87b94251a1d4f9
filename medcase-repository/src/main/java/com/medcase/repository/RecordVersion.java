package com.medcase.repository;

import java.time.Instant;

/**
 * One entry of a record's version history as the repository keeps it (ACS {@code GET /nodes/{id}/versions}:
 * label, comment, when and by whom, content type and size).
 *
 * @param comment null when the version was checked in without one
 */
public record RecordVersion(String label, String comment, Instant modifiedAt, String modifiedBy, String mimeType, long contentLength) {
}
