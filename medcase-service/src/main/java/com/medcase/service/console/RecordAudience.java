package com.medcase.service.console;

import com.medcase.consent.AccessDecision;
import com.medcase.consent.Action;
import com.medcase.consent.Authorization;
import com.medcase.consent.ClaimantConsents;
import com.medcase.consent.ConsentEngine;
import com.medcase.consent.Principal;
import com.medcase.consent.Purpose;
import com.medcase.consent.RecordFacts;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.repository.AccessProjection;
import com.medcase.store.consent.JdbcAuthorizationStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "Who may see this record and why", from the same sources enforcement uses: the ACL the enforcer projects
 * (records-team groups by the role table, the groups of covering authorizations) and, for each authorization
 * of the claimant, the consent engine's decision for its recipient with the reasons it cites (authorization ids,
 * rule ids). Nothing here is a second rule set: it only asks the engine.
 */
@Component
class RecordAudience {

    private final RecordAccessEnforcer enforcer;
    private final ConsentEngine engine;
    private final JdbcAuthorizationStore authorizations;
    private final Clock clock;

    RecordAudience(RecordAccessEnforcer enforcer, ConsentEngine engine, JdbcAuthorizationStore authorizations, Clock clock) {
        this.enforcer = enforcer;
        this.engine = engine;
        this.authorizations = authorizations;
        this.clock = clock;
    }

    /** One ACL entry: an authority and its level. */
    record AclEntry(String authority, String level, String authorizationId) {
    }

    /** The engine's answer for one authorization's recipient, over the purposes it names. */
    record RecipientDecision(String authorizationId, String recipient, boolean active, boolean permitted, String purposes,
                             List<String> reasons) {
    }

    record Audience(List<AclEntry> acl, List<String> denied, List<RecipientDecision> recipients) {
    }

    Audience of(RecordFacts facts) {
        Instant now = clock.instant();
        ClaimantConsents consents = authorizations.consentsOf(facts.claimantId());
        AccessProjection projection = enforcer.aclFor(facts, consents, now);
        List<AclEntry> acl = new ArrayList<>();
        new TreeMap<>(projection.entries()).forEach((authority, level) -> acl.add(new AclEntry(authority, level.name(),
                authority.startsWith(RecordAccessEnforcer.AUTHORIZATION_GROUP_PREFIX)
                        ? authority.substring(RecordAccessEnforcer.AUTHORIZATION_GROUP_PREFIX.length()) : null)));
        List<RecipientDecision> recipients = new ArrayList<>();
        for (Authorization a : consents.all()) {
            if (a.recipient() == null) {
                continue;
            }
            Principal recipient = a.recipient().partyClass()
                    ? Principal.outsideParty(a.recipient().authority() + " (member)", a.recipient().authority())
                    : Principal.outsideParty(a.recipient().authority());
            boolean permitted = false;
            List<String> reasons = new ArrayList<>();
            for (Purpose purpose : a.purposes()) {
                AccessDecision decision = engine.decide(recipient, Action.READ_CONTENT, facts, purpose, now, consents);
                permitted |= decision.permitted();
                decision.reasons().stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
            }
            recipients.add(new RecipientDecision(a.id(), a.recipient().authority(), a.isActiveAt(now), permitted,
                    String.join(", ", a.purposes().stream().map(Enum::name).sorted().toList()), reasons));
        }
        return new Audience(acl, projection.denied().stream().sorted().toList(), recipients);
    }

    /** Ids of the claimant's records that a not-yet-stored authorization would open to its recipient. */
    List<String> wouldOpen(Authorization candidate, List<RecordFacts> records) {
        Instant now = clock.instant();
        ClaimantConsents with = authorizations.consentsOf(candidate.claimantId()).with(candidate);
        List<String> opened = new ArrayList<>();
        for (RecordFacts facts : records) {
            Map<String, ?> entries = enforcer.aclFor(facts, with, now).entries();
            if (entries.containsKey(RecordAccessEnforcer.groupOf(candidate.id()))) {
                opened.add(facts.recordId());
            }
        }
        return opened;
    }
}
