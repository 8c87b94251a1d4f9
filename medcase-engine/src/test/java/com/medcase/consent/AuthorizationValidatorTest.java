package com.medcase.consent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static com.medcase.consent.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizationValidatorTest {

    final AuthorizationValidator validator = new AuthorizationValidator();
    final Authorization valid = general("A-1", Recipient.named("adjuster1"), permitAll());

    @Test
    void aCompleteAuthorizationPasses() {
        assertThatCode(() -> validator.validate(valid)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "missing {0}")
    @CsvSource(textBlock = """
            claimant
            description
            discloser
            recipient
            purpose
            expiration
            signatureDate
            signature
            revocationRight
            revocationProcedure
            nonConditioning
            redisclosure
            provision
            representativeAuthority
            """)
    void aMissingElementIsRejectedByName(String element) {
        Authorization broken = without(element).apply(valid);
        assertThatThrownBy(() -> validator.validate(broken))
                .isInstanceOf(InvalidAuthorizationException.class)
                .hasMessageContaining("'" + element + "'")
                .hasMessageContaining("A-1")
                .extracting(e -> ((InvalidAuthorizationException) e).element()).isEqualTo(element);
    }

    @Test
    void part2ConsentMustNameTheRecipient() {
        Authorization a = authorization("A-3", AuthorizationKind.PART2_SUD, Recipient.openEndedClass("any attorney representing me"),
                permit("substanceUseTreatment"));
        assertThatThrownBy(() -> validator.validate(a)).hasMessageContaining("'recipient'").hasMessageContaining("2.31(a)(4)");
    }

    @Test
    void psychotherapyAuthorizationMustNameTheNotes() {
        Authorization a = authorization("A-4", AuthorizationKind.PSYCHOTHERAPY_NOTES, Recipient.named("x"), permitAll());
        assertThatThrownBy(() -> validator.validate(a)).hasMessageContaining("'provision'").hasMessageContaining("164.508(a)(2)");
    }

    @Test
    void revocationsCannotBeDatedBeforeTheirReceipt() {
        assertThatThrownBy(() -> new Revocation(NOW.minusSeconds(3600), "m", "r", NOW.minusSeconds(60), NOW))
                .hasMessageContaining("before it was received");
        assertThatThrownBy(() -> validator.validateRevocation(valid, new Revocation(NOW, "m", "r", NOW.minusSeconds(60), NOW), NOW))
                .hasMessageContaining("'revocation.effectiveAt'");
        assertThatThrownBy(() -> validator.validateRevocation(valid, Revocation.received(NOW.plusSeconds(3600), NOW.plusSeconds(3600), "m", "r"), NOW))
                .hasMessageContaining("'revocation.receivedAt'");
        assertThatCode(() -> validator.validateRevocation(valid, Revocation.received(NOW.minusSeconds(172800), NOW, "m", "letter"), NOW))
                .doesNotThrowAnyException();
    }

    static UnaryOperator<Authorization> without(String element) {
        return a -> new Authorization(a.id(),
                element.equals("claimant") ? null : a.claimantId(), a.kind(),
                element.equals("discloser") ? " " : a.discloser(),
                element.equals("recipient") ? null : a.recipient(),
                element.equals("purpose") ? Set.of() : a.purposes(),
                element.equals("provision") ? List.of(Provision.deny(Set.of(), Set.of("hiv"))) : a.provisions(),
                element.equals("description") ? "" : a.informationDescription(),
                a.validFrom(), element.equals("expiration") ? null : a.expiresAt(), a.expiryEvent(),
                element.equals("signatureDate") ? null : a.signedOn(),
                element.equals("signature") ? null : a.signedBy(),
                element.equals("representativeAuthority") ? "Parent" : a.representative(),
                a.representativeAuthority(),
                !element.equals("revocationRight") && a.revocationRightStated(), a.revocation(),
                a.combinedWith(), a.expiryEventRecordedAt(),
                element.equals("revocationProcedure") ? " " : a.revocationProcedure(),
                !element.equals("nonConditioning") && a.nonConditioningStated(),
                !element.equals("redisclosure") && a.redisclosureStated());
    }
}
