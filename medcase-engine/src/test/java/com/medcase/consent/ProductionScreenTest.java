package com.medcase.consent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static com.medcase.consent.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class ProductionScreenTest {

    @Test
    void aProductionListsWhatWasWithheldUnderWhichRuleAndCarriesThePart2Obligations() {
        Authorization general = general("A-1", Recipient.named("adjuster1"), permit("clinicalNotes"));
        Authorization part2 = authorization("A-2", AuthorizationKind.PART2_SUD, Recipient.named("adjuster1"), permit("substanceUseTreatment"));
        ProductionScreen screen = ProductionScreen.screen(new ConsentEngine(), Principal.outsideParty("adjuster1"), Purpose.LITIGATION, NOW,
                ClaimantConsents.of(CLAIMANT, List.of(general, part2)),
                List.of(record("clinicalNotes"), record("substanceUseTreatment"), record("psychotherapyNotes"), record("laboratory", "hiv")));
        assertThat(screen.disclosed()).extracting(ProductionScreen.Disclosed::recordId)
                .containsExactly("R-clinicalNotes", "R-substanceUseTreatment");
        assertThat(screen.withheld()).containsExactly(
                new ProductionScreen.Withheld("R-psychotherapyNotes", List.of(ConsentEngine.RULE_NO_APPLICABLE_AUTHORIZATION)),
                new ProductionScreen.Withheld("R-laboratory", List.of(ConsentEngine.RULE_NO_APPLICABLE_AUTHORIZATION)));
        assertThat(screen.obligations()).containsExactlyInAnyOrder(AccessDecision.Obligation.PART2_REDISCLOSURE_NOTICE,
                AccessDecision.Obligation.PART2_CONSENT_COPY);
        assertThat(screen.consents()).containsExactly("A-2");
    }
}
