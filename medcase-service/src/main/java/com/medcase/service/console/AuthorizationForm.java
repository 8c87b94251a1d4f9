package com.medcase.service.console;

import com.medcase.consent.Authorization;
import com.medcase.consent.AuthorizationKind;
import com.medcase.consent.Provision;
import com.medcase.consent.Purpose;
import com.medcase.consent.Recipient;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The authorization form's fields as typed (kept as they are when the form comes back with errors), and the
 * {@link Authorization} they describe. {@link #FIELD_OF_ELEMENT} maps the validator's element names
 * ({@code AuthorizationValidator}) to the form field each error is shown next to.
 */
public class AuthorizationForm {

    /** Validator element (InvalidAuthorizationException.element()) to form field name. */
    static final Map<String, String> FIELD_OF_ELEMENT = Map.ofEntries(
            Map.entry("claimant", "claimantId"), Map.entry("kind", "kind"), Map.entry("description", "informationDescription"),
            Map.entry("discloser", "discloser"), Map.entry("recipient", "recipient"), Map.entry("purpose", "purposes"),
            Map.entry("expiration", "expiresOn"), Map.entry("signatureDate", "signedOn"), Map.entry("signature", "signedBy"),
            Map.entry("representativeAuthority", "representativeAuthority"), Map.entry("revocationRight", "revocationRightStated"),
            Map.entry("revocationProcedure", "revocationProcedure"), Map.entry("nonConditioning", "nonConditioningStated"),
            Map.entry("redisclosure", "redisclosureStated"), Map.entry("provision", "categories"));

    private String claimantId;
    private AuthorizationKind kind;
    private String discloser;
    private String informationDescription;
    private String recipient;
    private boolean recipientClass;
    private List<Purpose> purposes = new ArrayList<>();
    private List<String> categories = new ArrayList<>();
    private List<String> sensitivityLabels = new ArrayList<>();
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate validFrom;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate expiresOn;
    private String expiryEvent;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate signedOn;
    private String signedBy;
    private String representative;
    private String representativeAuthority;
    private boolean revocationRightStated;
    private String revocationProcedure;
    private boolean nonConditioningStated;
    private boolean redisclosureStated;

    /** The authorization these fields describe, with the given id (null: assigned when created). */
    Authorization toAuthorization(String id) {
        Set<Purpose> purposeSet = purposes == null || purposes.isEmpty() ? Set.of() : EnumSet.copyOf(purposes);
        return new Authorization(id, blankToNull(claimantId), kind, blankToNull(discloser),
                blankToNull(recipient) == null ? null : new Recipient(recipient.strip(), recipientClass), purposeSet,
                List.of(Provision.permit(new LinkedHashSet<>(nonNull(categories)), new LinkedHashSet<>(nonNull(sensitivityLabels)), null, null)),
                blankToNull(informationDescription), startOfDay(validFrom), startOfDay(expiresOn), blankToNull(expiryEvent),
                signedOn, blankToNull(signedBy), blankToNull(representative), blankToNull(representativeAuthority),
                revocationRightStated, null, Set.of(), null, blankToNull(revocationProcedure), nonConditioningStated,
                redisclosureStated);
    }

    /**
     * A copy with the element the validator refused filled with a stand-in value, so that validating again
     * finds the next problem: how the console lists every error at once with the engine's own messages,
     * without a second rule set. False when the element cannot be stood in for.
     */
    boolean standInFor(String element) {
        switch (element) {
            case "claimant" -> claimantId = "stand-in";
            case "kind" -> kind = AuthorizationKind.GENERAL_HIPAA;
            case "description" -> informationDescription = "stand-in";
            case "discloser" -> discloser = "stand-in";
            case "recipient" -> { recipient = "stand-in"; recipientClass = false; }
            case "purpose" -> purposes = new ArrayList<>(List.of(Purpose.LITIGATION));
            case "expiration" -> { expiresOn = LocalDate.of(9999, 1, 1); validFrom = null; }
            case "signatureDate" -> signedOn = LocalDate.of(2000, 1, 1);
            case "signature" -> signedBy = "stand-in";
            case "representativeAuthority" -> representativeAuthority = "stand-in";
            case "revocationRight" -> revocationRightStated = true;
            case "revocationProcedure" -> revocationProcedure = "stand-in";
            case "nonConditioning" -> nonConditioningStated = true;
            case "redisclosure" -> redisclosureStated = true;
            case "provision" -> {
                categories = new ArrayList<>(nonNull(categories));
                categories.add("psychotherapyNotes");
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    AuthorizationForm copy() {
        AuthorizationForm c = new AuthorizationForm();
        c.claimantId = claimantId; c.kind = kind; c.discloser = discloser; c.informationDescription = informationDescription;
        c.recipient = recipient; c.recipientClass = recipientClass; c.purposes = new ArrayList<>(nonNull(purposes));
        c.categories = new ArrayList<>(nonNull(categories)); c.sensitivityLabels = new ArrayList<>(nonNull(sensitivityLabels));
        c.validFrom = validFrom; c.expiresOn = expiresOn; c.expiryEvent = expiryEvent; c.signedOn = signedOn;
        c.signedBy = signedBy; c.representative = representative; c.representativeAuthority = representativeAuthority;
        c.revocationRightStated = revocationRightStated; c.revocationProcedure = revocationProcedure;
        c.nonConditioningStated = nonConditioningStated; c.redisclosureStated = redisclosureStated;
        return c;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Instant startOfDay(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---- bean properties (form binding) ----
    public String getClaimantId() { return claimantId; }
    public void setClaimantId(String v) { claimantId = v; }
    public AuthorizationKind getKind() { return kind; }
    public void setKind(AuthorizationKind v) { kind = v; }
    public String getDiscloser() { return discloser; }
    public void setDiscloser(String v) { discloser = v; }
    public String getInformationDescription() { return informationDescription; }
    public void setInformationDescription(String v) { informationDescription = v; }
    public String getRecipient() { return recipient; }
    public void setRecipient(String v) { recipient = v; }
    public boolean isRecipientClass() { return recipientClass; }
    public void setRecipientClass(boolean v) { recipientClass = v; }
    public List<Purpose> getPurposes() { return purposes; }
    public void setPurposes(List<Purpose> v) { purposes = v; }
    public List<String> getCategories() { return categories; }
    public void setCategories(List<String> v) { categories = v; }
    public List<String> getSensitivityLabels() { return sensitivityLabels; }
    public void setSensitivityLabels(List<String> v) { sensitivityLabels = v; }
    public LocalDate getValidFrom() { return validFrom; }
    public void setValidFrom(LocalDate v) { validFrom = v; }
    public LocalDate getExpiresOn() { return expiresOn; }
    public void setExpiresOn(LocalDate v) { expiresOn = v; }
    public String getExpiryEvent() { return expiryEvent; }
    public void setExpiryEvent(String v) { expiryEvent = v; }
    public LocalDate getSignedOn() { return signedOn; }
    public void setSignedOn(LocalDate v) { signedOn = v; }
    public String getSignedBy() { return signedBy; }
    public void setSignedBy(String v) { signedBy = v; }
    public String getRepresentative() { return representative; }
    public void setRepresentative(String v) { representative = v; }
    public String getRepresentativeAuthority() { return representativeAuthority; }
    public void setRepresentativeAuthority(String v) { representativeAuthority = v; }
    public boolean isRevocationRightStated() { return revocationRightStated; }
    public void setRevocationRightStated(boolean v) { revocationRightStated = v; }
    public String getRevocationProcedure() { return revocationProcedure; }
    public void setRevocationProcedure(String v) { revocationProcedure = v; }
    public boolean isNonConditioningStated() { return nonConditioningStated; }
    public void setNonConditioningStated(boolean v) { nonConditioningStated = v; }
    public boolean isRedisclosureStated() { return redisclosureStated; }
    public void setRedisclosureStated(boolean v) { redisclosureStated = v; }
}
