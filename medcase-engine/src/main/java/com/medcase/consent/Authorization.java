package com.medcase.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A claimant's authorization to disclose health information, with the core elements of
 * 45 CFR 164.508(c) and 42 CFR 2.31. Immutable; revoking yields a copy with a {@link Revocation}.
 *
 * @param discloser               who may disclose (provider or the records holder), 164.508(c)(1)(ii)
 * @param informationDescription  what information, in words, 164.508(c)(1)(i)
 * @param expiresAt               expiry instant, or null when {@code expiryEvent} is used, 164.508(c)(1)(v)
 * @param expiryEvent             an expiry event (e.g. "end of litigation"); lapses when {@code expiresAt} is set later
 * @param representative          signer's personal representative, with {@code representativeAuthority}
 * @param revocationRightStated   the right to revoke was stated, 164.508(c)(2)(i)
 */
public record Authorization(String id, String claimantId, AuthorizationKind kind, String discloser, Recipient recipient,
                            Set<Purpose> purposes, List<Provision> provisions, String informationDescription,
                            Instant validFrom, Instant expiresAt, String expiryEvent,
                            LocalDate signedOn, String signedBy, String representative, String representativeAuthority,
                            boolean revocationRightStated, Revocation revocation) {

    public Authorization {
        purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
        provisions = provisions == null ? List.of() : List.copyOf(provisions);
    }

    /** Active at {@code at}: started, not yet expired (expiry at t means inactive at t), not revoked by t. */
    public boolean isActiveAt(Instant at) {
        return (validFrom == null || !at.isBefore(validFrom))
                && (expiresAt == null || at.isBefore(expiresAt))
                && (revocation == null || at.isBefore(revocation.effectiveAt()));
    }

    public Authorization revoke(Revocation revocation) {
        if (this.revocation != null) {
            throw new IllegalStateException("Authorization " + id + " was already revoked at " + this.revocation.effectiveAt());
        }
        return new Authorization(id, claimantId, kind, discloser, recipient, purposes, provisions, informationDescription,
                validFrom, expiresAt, expiryEvent, signedOn, signedBy, representative, representativeAuthority,
                revocationRightStated, revocation);
    }

    /** Sets the expiry instant once the expiry event has happened. */
    public Authorization expireAt(Instant at) {
        return new Authorization(id, claimantId, kind, discloser, recipient, purposes, provisions, informationDescription,
                validFrom, at, expiryEvent, signedOn, signedBy, representative, representativeAuthority,
                revocationRightStated, revocation);
    }
}
