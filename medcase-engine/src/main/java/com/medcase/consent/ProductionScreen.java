package com.medcase.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Screens a set of records for one export or production: what is disclosed, under which
 * authorizations and with which obligations, and what is withheld under which rule. Exports and
 * productions list the withheld records with their rules, so the receiving party knows what was
 * held back and why (and can seek a further authorization), without seeing the records.
 *
 * @param disclosed   records the recipient may receive, in input order
 * @param withheld    records held back, in input order, each with the rule ids that decided it
 * @param obligations what must accompany the disclosure as a whole (the union over disclosed records)
 * @param consents    the authorizations to copy or explain (2.32(b)), the union over disclosed records
 */
public record ProductionScreen(List<Disclosed> disclosed, List<Withheld> withheld,
                               Set<AccessDecision.Obligation> obligations, Set<String> consents) {

    public record Disclosed(String recordId, List<String> authorizations, Set<AccessDecision.Obligation> obligations) {
        public Disclosed {
            authorizations = List.copyOf(authorizations);
            obligations = Set.copyOf(obligations);
        }
    }

    public record Withheld(String recordId, List<String> rules) {
        public Withheld {
            rules = List.copyOf(rules);
        }
    }

    public ProductionScreen {
        disclosed = List.copyOf(disclosed);
        withheld = List.copyOf(withheld);
        obligations = Set.copyOf(obligations);
        consents = Set.copyOf(consents);
    }

    /** Decides every record for {@code recipient} and {@code purpose} (a missing purpose withholds everything). */
    public static ProductionScreen screen(ConsentEngine engine, Principal recipient, Purpose purpose, Instant at,
                                          ClaimantConsents consents, List<RecordFacts> records) {
        List<Disclosed> disclosed = new ArrayList<>();
        List<Withheld> withheld = new ArrayList<>();
        Set<AccessDecision.Obligation> obligations = EnumSet.noneOf(AccessDecision.Obligation.class);
        Set<String> cited = new LinkedHashSet<>();
        for (RecordFacts record : records) {
            AccessDecision d = engine.decide(recipient, Action.READ_CONTENT, record, purpose, at, consents);
            if (d.permitted()) {
                disclosed.add(new Disclosed(record.recordId(), d.reasons(), d.obligations()));
                obligations.addAll(d.obligations());
                if (d.obligations().contains(AccessDecision.Obligation.PART2_CONSENT_COPY)) {
                    cited.addAll(d.reasons());
                }
            } else {
                withheld.add(new Withheld(record.recordId(), d.reasons()));
            }
        }
        return new ProductionScreen(disclosed, withheld, obligations, cited);
    }
}
