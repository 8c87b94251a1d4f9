package com.medcase.importing.fhir;

/**
 * A FHIR payload that could not be imported, with a message naming the resource and element at fault
 * (e.g. {@code DocumentReference dr-7: content[0].attachment has neither data nor url}).
 */
public class FhirImportException extends RuntimeException {

    /** Why, so that the HTTP layer can answer with the right status. */
    public enum Reason {
        /** Not JSON, or not FHIR R4 JSON: HTTP 400. */
        MALFORMED(400),
        /** Well-formed FHIR that MedCase cannot import as it stands: HTTP 422. */
        INVALID(422),
        /** An attachment URL could not be fetched (it may work later): HTTP 502. */
        ATTACHMENT_UNAVAILABLE(502),
        /** The sender may not send documents for the claim it names (or names none): HTTP 403. */
        SENDER_NOT_ALLOWED(403),
        /** Parsed, but filing failed after bounded retries (the repository is unavailable): HTTP 503. */
        IMPORT_FAILED(503);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }

        /** Whether the same bytes may succeed later without being changed. */
        public boolean transientFailure() {
            return this == ATTACHMENT_UNAVAILABLE || this == IMPORT_FAILED;
        }
    }

    private final Reason reason;
    private final String deadLetterId;

    public FhirImportException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public FhirImportException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    private FhirImportException(Reason reason, String message, String deadLetterId, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.deadLetterId = deadLetterId;
    }

    /** The same failure, once its original bytes are safe in the dead-letter store. */
    FhirImportException deadLettered(String id) {
        return new FhirImportException(reason, getMessage() + " (kept as dead letter " + id + ")", id, this);
    }

    public Reason reason() {
        return reason;
    }

    /** The dead letter holding the original bytes, or null when nothing was stored. */
    public String deadLetterId() {
        return deadLetterId;
    }
}
