package com.medcase.service.security;

import com.medcase.consent.Principal;
import com.medcase.model.MedCaseModel;

import java.util.Arrays;
import java.util.Optional;

/**
 * The service's roles: the content model's role definitions (and the Alfresco groups that carry
 * them in ACS) plus ADMIN, who runs the service itself (imports, audit verification).
 */
public enum MedCaseRole {
    ADMIN(null, null),
    RECORDS_MANAGER(MedCaseModel.ROLE_RECORDS_MANAGER, MedCaseModel.GROUP_RECORDS_MANAGERS),
    RECORDS_CLERK(MedCaseModel.ROLE_RECORDS_CLERK, MedCaseModel.GROUP_RECORDS_CLERKS),
    LEGAL_HOLD_ADMINISTRATOR(MedCaseModel.ROLE_LEGAL_HOLD_ADMINISTRATOR, MedCaseModel.GROUP_LEGAL_HOLD_ADMINISTRATORS),
    OUTSIDE_PARTY(MedCaseModel.ROLE_OUTSIDE_PARTY_READER, null),
    /** A provider's integration account: may post FHIR documents for import, and nothing else. */
    PROVIDER_FEED(null, null);

    /** Alfresco's own administrators group, which makes an ACS user a MedCase ADMIN. */
    public static final String ALFRESCO_ADMINISTRATORS_GROUP = "GROUP_ALFRESCO_ADMINISTRATORS";

    private final String modelRole;
    private final String alfrescoGroup;

    MedCaseRole(String modelRole, String alfrescoGroup) {
        this.modelRole = modelRole;
        this.alfrescoGroup = alfrescoGroup;
    }

    /** The Spring Security authority, e.g. {@code ROLE_RECORDS_MANAGER}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The model's role name ({@code MedCaseRecordsManager}), null for ADMIN. */
    public String modelRole() {
        return modelRole;
    }

    /** The Alfresco group whose members hold this role, if any. */
    public Optional<String> alfrescoGroup() {
        return Optional.ofNullable(this == ADMIN ? ALFRESCO_ADMINISTRATORS_GROUP : alfrescoGroup);
    }

    public static Optional<MedCaseRole> forAlfrescoGroup(String group) {
        return Arrays.stream(values()).filter(r -> r.alfrescoGroup().filter(group::equals).isPresent()).findFirst();
    }

    /** Parses a configured role name, accepting the enum name or the model's role name. */
    public static MedCaseRole parse(String configured) {
        for (MedCaseRole role : values()) {
            if (role.name().equalsIgnoreCase(configured) || configured.equals(role.modelRole)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown MedCase role '" + configured + "' in medcase.security.users; use one of "
                + Arrays.toString(values()));
    }

    Principal.Role engineRole() {
        return switch (this) {
            // The operator of the service is not a records-team member: it never reads a record (issue 10).
            case ADMIN -> Principal.Role.OPERATIONS;
            case RECORDS_MANAGER -> Principal.Role.RECORDS_MANAGER;
            case RECORDS_CLERK -> Principal.Role.RECORDS_CLERK;
            case LEGAL_HOLD_ADMINISTRATOR -> Principal.Role.LEGAL_HOLD_ADMINISTRATOR;
            case OUTSIDE_PARTY, PROVIDER_FEED -> Principal.Role.OUTSIDE_PARTY;
        };
    }
}
