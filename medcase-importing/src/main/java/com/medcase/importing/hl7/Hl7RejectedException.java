package com.medcase.importing.hl7;

/** A message MedCase will not process (malformed, unsupported type, missing document): answered with AR. */
public class Hl7RejectedException extends RuntimeException {
    public Hl7RejectedException(String message) {
        super(message);
    }

    public Hl7RejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
