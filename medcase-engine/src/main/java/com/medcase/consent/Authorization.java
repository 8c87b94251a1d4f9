package com.medcase.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A claimant's authorization to disclose health information, with the core elements of
 * 45 CFR 164.508(c) and 42 CFR 2.31. Immutable; revoking yields a copy with a {@link Revocation}.
 * <p>
 * One document may carry more than one legal form ({@link #kinds()}): a HIPAA authorization and a
 * Part 2 consent together are allowed; a psychotherapy-notes authorization combined with anything but
 * another psychotherapy-notes authorization is a defective compound (164.508(b)(3)(ii), (b)(2)(iii))
 * that the validator rejects and under which no decision permits.
 *
 * @param discloser               who may disclose (provider or the records holder), 164.508(c)(1)(ii)
 * @param informationDescription  what information, in words, 164.508(c)(1)(i)
 * @param validFrom               a start later than the signature; an earlier one is ignored (see {@link #effectiveFrom()})
 * @param expiresAt               expiry instant, or null when {@code expiryEvent} is used, 164.508(c)(1)(v)
 * @param expiryEvent             an expiry event (e.g. "end of litigation"), 164.508(c)(1)(v)
 * @param representative          signer's personal representative, with {@code representativeAuthority}
 * @param revocationRightStated   the form states the right to revoke, 164.508(c)(2)(i)
 * @param combinedWith            the other forms this same document carries (empty: {@code kind} alone)
 * @param expiryEventRecordedAt   when the expiry event was recorded; the authorization ends then
 * @param revocationProcedure     how to revoke, as the form states it (or its reference to the notice of
 *                                privacy practices), 164.508(c)(2)(i)(A)/(B)
 * @param nonConditioningStated   the form states that treatment, payment, enrollment or eligibility is not
 *                                conditioned on signing it (or the consequences where it may be), 164.508(c)(2)(ii)
 * @param redisclosureStated      the form states that disclosed information may be redisclosed and no longer
 *                                protected, 164.508(c)(2)(iii)
 */
public record Authorization(String id, String claimantId, AuthorizationKind kind, String discloser, Recipient recipient,
                            Set<Purpose> purposes, List<Provision> provisions, String informationDescription,
                            Instant validFrom, Instant expiresAt, String expiryEvent,
                            LocalDate signedOn, String signedBy, String representative, String representativeAuthority,
                            boolean revocationRightStated, Revocation revocation,
                            Set<AuthorizationKind> combinedWith, Instant expiryEventRecordedAt,
                            String revocationProcedure, Boolean nonConditioningStated, Boolean redisclosureStated) {

    public Authorization {
        // Boxed so that a submission without them reaches the validator, which names the missing statement;
        // absent means not stated.
        nonConditioningStated = Boolean.TRUE.equals(nonConditioningStated);
        redisclosureStated = Boolean.TRUE.equals(redisclosureStated);
        purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
        provisions = provisions == null ? List.of() : List.copyOf(provisions);
        combinedWith = combinedWith == null ? Set.of() : Set.copyOf(combinedWith);
    }

    /**
     * The pre-2026 shape: a single form, no recorded expiry event, and only the revocation-right
     * statement recorded. The validator rejects such an authorization until the other required
     * statements are recorded; stored bodies read through the canonical constructor.
     */
    public Authorization(String id, String claimantId, AuthorizationKind kind, String discloser, Recipient recipient,
                         Set<Purpose> purposes, List<Provision> provisions, String informationDescription,
                         Instant validFrom, Instant expiresAt, String expiryEvent,
                         LocalDate signedOn, String signedBy, String representative, String representativeAuthority,
                         boolean revocationRightStated, Revocation revocation) {
        this(id, claimantId, kind, discloser, recipient, purposes, provisions, informationDescription, validFrom, expiresAt,
                expiryEvent, signedOn, signedBy, representative, representativeAuthority, revocationRightStated, revocation,
                Set.of(), null, null, false, false);
    }

    /** Every legal form this document carries: {@code kind} and {@code combinedWith}. */
    public Set<AuthorizationKind> kinds() {
        EnumSet<AuthorizationKind> all = EnumSet.noneOf(AuthorizationKind.class);
        if (kind != null) {
            all.add(kind);
        }
        all.addAll(combinedWith);
        return all;
    }

    /**
     * A psychotherapy-notes authorization combined with any other kind of authorization: defective
     * (164.508(b)(3)(ii), (b)(2)(iii)), so it never permits anything.
     */
    public boolean defectiveCompound() {
        Set<AuthorizationKind> all = kinds();
        return all.contains(AuthorizationKind.PSYCHOTHERAPY_NOTES) && all.size() > 1;
    }

    /**
     * When it starts to count: the signature (the start of the signing day, UTC) or a later start,
     * never earlier. Null when unsigned: an authorization without a signature date never takes effect.
     */
    public Instant effectiveFrom() {
        if (signedOn == null) {
            return null;
        }
        Instant signed = signedOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        return validFrom != null && validFrom.isAfter(signed) ? validFrom : signed;
    }

    /**
     * Active at {@code at}: signed and started, not yet expired (expiry at t means inactive at t), the
     * expiry event not recorded by t, and not revoked by t.
     */
    public boolean isActiveAt(Instant at) {
        Instant from = effectiveFrom();
        return from != null && !at.isBefore(from)
                && (expiresAt == null || at.isBefore(expiresAt))
                && (expiryEventRecordedAt == null || at.isBefore(expiryEventRecordedAt))
                && (revocation == null || at.isBefore(revocation.effectiveAt()));
    }

    /** The first instant it is no longer active for any reason other than its start, or null if none yet. */
    public Instant endsAt() {
        Instant end = expiresAt;
        if (expiryEventRecordedAt != null && (end == null || expiryEventRecordedAt.isBefore(end))) {
            end = expiryEventRecordedAt;
        }
        if (revocation != null && (end == null || revocation.effectiveAt().isBefore(end))) {
            end = revocation.effectiveAt();
        }
        return end;
    }

    public Authorization revoke(Revocation revocation) {
        if (this.revocation != null) {
            throw new IllegalStateException("Authorization " + id + " was already revoked at " + this.revocation.effectiveAt());
        }
        return new Authorization(id, claimantId, kind, discloser, recipient, purposes, provisions, informationDescription,
                validFrom, expiresAt, expiryEvent, signedOn, signedBy, representative, representativeAuthority,
                revocationRightStated, revocation, combinedWith, expiryEventRecordedAt, revocationProcedure,
                nonConditioningStated, redisclosureStated);
    }

    /** Sets the expiry instant (an expiry date, or the instant an expiry event happened). */
    public Authorization expireAt(Instant at) {
        return new Authorization(id, claimantId, kind, discloser, recipient, purposes, provisions, informationDescription,
                validFrom, at, expiryEvent, signedOn, signedBy, representative, representativeAuthority,
                revocationRightStated, revocation, combinedWith, expiryEventRecordedAt, revocationProcedure,
                nonConditioningStated, redisclosureStated);
    }

    /**
     * Records that the expiry event stated on the form happened; the authorization ends at
     * {@code recordedAt}. Only an authorization that states an expiry event can expire by one.
     */
    public Authorization recordExpiryEvent(Instant recordedAt) {
        if (expiryEvent == null || expiryEvent.isBlank()) {
            throw new IllegalStateException("Authorization " + id + " states no expiry event; it expires at " + expiresAt);
        }
        if (expiryEventRecordedAt != null) {
            throw new IllegalStateException("Authorization " + id + ": the expiry event '" + expiryEvent
                    + "' was already recorded at " + expiryEventRecordedAt);
        }
        return new Authorization(id, claimantId, kind, discloser, recipient, purposes, provisions, informationDescription,
                validFrom, expiresAt, expiryEvent, signedOn, signedBy, representative, representativeAuthority,
                revocationRightStated, revocation, combinedWith, recordedAt, revocationProcedure,
                nonConditioningStated, redisclosureStated);
    }

    /** A copy with another id (the service assigns ids to submitted authorizations). */
    public Authorization withId(String newId) {
        return new Authorization(newId, claimantId, kind, discloser, recipient, purposes, provisions, informationDescription,
                validFrom, expiresAt, expiryEvent, signedOn, signedBy, representative, representativeAuthority,
                revocationRightStated, revocation, combinedWith, expiryEventRecordedAt, revocationProcedure,
                nonConditioningStated, redisclosureStated);
    }
}
