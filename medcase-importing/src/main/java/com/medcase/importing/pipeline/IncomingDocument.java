package com.medcase.importing.pipeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * One document as a provider channel delivered it, before matching. The identifying fields are
 * what matching uses; none of them are ever logged.
 */
public record IncomingDocument(String route, String messageId, Instant receivedAt,
                               String claimNumber, String claimantFamilyName, String claimantGivenName, LocalDate claimantDateOfBirth,
                               String category, Set<String> sensitivityLabels, LocalDate serviceFrom, LocalDate serviceTo,
                               String providerName, String providerNpi, String fileName, String mimeType, byte[] content) {
    public IncomingDocument {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(content, "content");
        sensitivityLabels = sensitivityLabels == null ? Set.of() : Set.copyOf(sensitivityLabels);
    }
}
