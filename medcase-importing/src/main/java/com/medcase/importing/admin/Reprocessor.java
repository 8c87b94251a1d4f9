package com.medcase.importing.admin;

/** A route that can take a dead letter's original bytes again. */
public interface Reprocessor {
    String route();

    /**
     * Processes the original bytes once more, without dead-lettering them again.
     * @return a short outcome (e.g. the HL7 ACK code)
     * @throws RuntimeException with the reason when it fails again
     */
    String reprocess(byte[] original);
}
