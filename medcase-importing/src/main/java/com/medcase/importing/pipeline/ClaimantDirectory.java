package com.medcase.importing.pipeline;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The claimant registry as the import routes see it: who a sender's patient identifier names. The service
 * implements it on its registry ({@code POST /api/claimants} with identifiers); without one, matching uses
 * the claim number and the name and date of birth the document carries.
 */
@FunctionalInterface
public interface ClaimantDirectory {

    /** A registered claimant: the id and the demographics its repository folder carries. */
    record RegisteredClaimant(String claimantId, String familyName, String givenName, LocalDate dateOfBirth) { }

    Optional<RegisteredClaimant> byIdentifier(String system, String value);

    ClaimantDirectory NONE = (system, value) -> Optional.empty();
}
