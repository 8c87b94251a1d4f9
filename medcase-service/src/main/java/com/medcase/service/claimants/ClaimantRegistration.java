package com.medcase.service.claimants;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.RecordRepository;
import com.medcase.store.claimant.JdbcClaimantRegistry;
import com.medcase.store.claimant.JdbcClaimantRegistry.Claimant;
import com.medcase.store.claimant.JdbcClaimantRegistry.Identifier;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Registers a claimant: a server-generated id, the registry row (name, date of birth, identifiers) and the
 * repository's claimant folder with mc:claimantFamilyName, mc:claimantGivenName and mc:dateOfBirth, which
 * is what the import routes' demographic matching compares (a case of this claimant is then found for a
 * document that names no claim number). Audited with ids only.
 */
public final class ClaimantRegistration {

    /** What a caller sends. */
    public record Request(String familyName, String givenName, LocalDate dateOfBirth, List<Identifier> identifiers) { }

    private final JdbcClaimantRegistry registry;
    private final RecordRepository repository;
    private final AuditLedger ledger;
    private final Clock clock;

    public ClaimantRegistration(JdbcClaimantRegistry registry, RecordRepository repository, AuditLedger ledger, Clock clock) {
        this.registry = registry;
        this.repository = repository;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Claimant register(Request request, String by) {
        String family = required(request.familyName(), "familyName");
        String given = required(request.givenName(), "givenName");
        if (request.dateOfBirth() == null) {
            throw new IllegalArgumentException("dateOfBirth is required (YYYY-MM-DD)");
        }
        if (request.dateOfBirth().isAfter(LocalDate.now(clock))) {
            throw new IllegalArgumentException("dateOfBirth " + request.dateOfBirth() + " is in the future");
        }
        List<Identifier> identifiers = request.identifiers() == null ? List.of() : request.identifiers().stream()
                .map(i -> new Identifier(required(i.system(), "identifiers[].system"), required(i.value(), "identifiers[].value"))).toList();
        String id = "CLT-" + UUID.randomUUID().toString().substring(0, 13);
        Claimant claimant = registry.create(id, family, given, request.dateOfBirth(), identifiers, by, clock.instant());
        try {
            repository.createClaimant(id, Map.of(MedCaseModel.PROP_CLAIMANT_FAMILY_NAME, family, MedCaseModel.PROP_CLAIMANT_GIVEN_NAME, given,
                    MedCaseModel.PROP_DATE_OF_BIRTH, request.dateOfBirth()));
        } catch (RuntimeException e) {
            registry.remove(id);
            throw e;
        }
        ledger.append(AuditEvent.of(by, "claimant.register", id, "CREATED", null));
        return claimant;
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }
}
