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
        Authorization a = authorization("A-3", AuthorizationKind.PART2_SUD, Recipient.classOf("GROUP_X"), permit("substanceUseTreatment"));
        assertThatThrownBy(() -> validator.validate(a)).hasMessageContaining("'recipient'").hasMessageContaining("2.31");
    }

    @Test
    void psychotherapyAuthorizationMustNameTheNotes() {
        Authorization a = authorization("A-4", AuthorizationKind.PSYCHOTHERAPY_NOTES, Recipient.named("x"), permitAll());
        assertThatThrownBy(() -> validator.validate(a)).hasMessageContaining("'provision'").hasMessageContaining("164.508(a)(2)");
    }

    @Test
    void revocationsCannotBeBackdated() {
        assertThatThrownBy(() -> validator.validateRevocation(valid, new Revocation(NOW.minusSeconds(3600), "m", "r"), NOW))
                .hasMessageContaining("'revocation.effectiveAt'");
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
                !element.equals("revocationRight") && a.revocationRightStated(), a.revocation());
    }
}
