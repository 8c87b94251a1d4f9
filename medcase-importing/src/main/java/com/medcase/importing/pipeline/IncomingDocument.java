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
                               String providerName, String providerNpi, String fileName, String mimeType, byte[] content,
                               java.util.List<PatientIdentifier> patientIdentifiers) {

    /** An identifier the sender knows the patient by (HL7 PID-3: assigning authority and id; FHIR Patient.identifier: system and value). */
    public record PatientIdentifier(String system, String value) { }

    /** A document without patient identifiers. */
    public IncomingDocument(String route, String messageId, Instant receivedAt, String claimNumber, String claimantFamilyName,
                            String claimantGivenName, LocalDate claimantDateOfBirth, String category, Set<String> sensitivityLabels,
                            LocalDate serviceFrom, LocalDate serviceTo, String providerName, String providerNpi, String fileName,
                            String mimeType, byte[] content) {
        this(route, messageId, receivedAt, claimNumber, claimantFamilyName, claimantGivenName, claimantDateOfBirth, category,
                sensitivityLabels, serviceFrom, serviceTo, providerName, providerNpi, fileName, mimeType, content, java.util.List.of());
    }

    public IncomingDocument {
        patientIdentifiers = patientIdentifiers == null ? java.util.List.of() : java.util.List.copyOf(patientIdentifiers);
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
