package com.medcase.model;

/**
 * Names of the MedCase content model ({@code mc:}), mirroring Alfresco's {@code ContentModel}.
 *
 * <p>The model XML ({@code alfresco/module/platform-module/model/medcaseModel.xml}) is the
 * single source of truth: {@code MedCaseModelConstantsTest} fails when a constant here and the
 * XML disagree. Names are prefixed ("mc:caseNumber") because that is how they appear in CMIS
 * ({@code D:mc:medicalRecord}, {@code P:mc:legalHold}) and in Share configuration; no ACS jar
 * is needed to use them.
 */
public interface MedCaseModel {

    String NAMESPACE_URI = "http://www.medcase.com/model/case/1.0";
    String PREFIX = "mc";
    String MODEL_NAME = "mc:caseModel";

    // ---- Types -------------------------------------------------------------------------------
    /** A case or claim folder (derives from cm:folder). */
    String TYPE_CASE = "mc:case";
    /** A claimant (derives from cm:folder so that CMIS exposes it as F:mc:claimant). */
    String TYPE_CLAIMANT = "mc:claimant";
    /** A healthcare provider that sends records (derives from cm:folder). */
    String TYPE_PROVIDER = "mc:provider";
    /** A medical record document (derives from cm:content). */
    String TYPE_MEDICAL_RECORD = "mc:medicalRecord";

    // ---- Aspects -----------------------------------------------------------------------------
    String ASPECT_SENSITIVE = "mc:sensitive";
    String ASPECT_AUTHORIZATION_GOVERNED = "mc:authorizationGoverned";
    String ASPECT_RETENTION = "mc:retention";
    String ASPECT_LEGAL_HOLD = "mc:legalHold";
    String ASPECT_IMPORT_PROVENANCE = "mc:importProvenance";

    // ---- mc:case -----------------------------------------------------------------------------
    String PROP_CASE_NUMBER = "mc:caseNumber";
    String PROP_CASE_TYPE = "mc:caseType";
    String PROP_JURISDICTION = "mc:jurisdiction";
    String PROP_CASE_STATUS = "mc:caseStatus";
    String PROP_OPENED_DATE = "mc:openedDate";
    String PROP_CLOSED_DATE = "mc:closedDate";
    String PROP_ASSIGNED_TO = "mc:assignedTo";
    /** Denormalised claimant identifier, so that matching and search need no join (capJoin=NONE). */
    String PROP_CASE_CLAIMANT_ID = "mc:caseClaimantId";
    String ASSOC_CASE_CLAIMANT = "mc:caseClaimant";

    // ---- mc:claimant -------------------------------------------------------------------------
    String PROP_CLAIMANT_ID = "mc:claimantId";
    String PROP_CLAIMANT_GIVEN_NAME = "mc:claimantGivenName";
    String PROP_CLAIMANT_FAMILY_NAME = "mc:claimantFamilyName";
    String PROP_DATE_OF_BIRTH = "mc:dateOfBirth";
    String PROP_PHONE = "mc:phone";
    String PROP_EMAIL = "mc:email";
    String PROP_POSTAL_ADDRESS = "mc:postalAddress";
    String PROP_INSURANCE_PLAN = "mc:insurancePlan";
    String PROP_INSURANCE_CARRIER = "mc:insuranceCarrier";
    String PROP_INSURANCE_MEMBER_ID = "mc:insuranceMemberId";
    String PROP_MINOR = "mc:minor";

    // ---- mc:provider -------------------------------------------------------------------------
    String PROP_PROVIDER_NAME = "mc:providerName";
    /** National Provider Identifier: 10 digits, Luhn-checked by the service (prefix 80840). */
    String PROP_NPI = "mc:npi";
    String PROP_PROVIDER_ADDRESS = "mc:providerAddress";

    // ---- mc:medicalRecord --------------------------------------------------------------------
    String PROP_RECORD_CATEGORY = "mc:recordCategory";
    String PROP_SERVICE_DATE_FROM = "mc:serviceDateFrom";
    String PROP_SERVICE_DATE_TO = "mc:serviceDateTo";
    String PROP_RECEIVED_DATE = "mc:receivedDate";
    String PROP_SOURCE_PROVIDER_NAME = "mc:sourceProviderName";
    String PROP_SOURCE_PROVIDER_NPI = "mc:sourceProviderNpi";
    String PROP_PAGE_COUNT = "mc:pageCount";
    String PROP_BATES_NUMBER = "mc:batesNumber";
    String PROP_SHA256 = "mc:sha256";

    // ---- mc:sensitive ------------------------------------------------------------------------
    String PROP_SENSITIVITY_LABELS = "mc:sensitivityLabels";

    // ---- mc:authorizationGoverned ------------------------------------------------------------
    String PROP_GOVERNING_AUTHORIZATION_IDS = "mc:governingAuthorizationIds";
    String PROP_ACCESS_PROJECTED_AT = "mc:accessProjectedAt";

    // ---- mc:retention ------------------------------------------------------------------------
    String PROP_RETENTION_SCHEDULE_ID = "mc:retentionScheduleId";
    String PROP_RETENTION_TRIGGER_DATE = "mc:retentionTriggerDate";
    String PROP_DISPOSITION_DATE = "mc:dispositionDate";
    String PROP_DISPOSITION_ACTION = "mc:dispositionAction";

    // ---- mc:legalHold ------------------------------------------------------------------------
    String PROP_HOLD_IDS = "mc:holdIds";
    String PROP_HELD_SINCE = "mc:heldSince";

    // ---- mc:importProvenance -----------------------------------------------------------------
    String PROP_IMPORT_ROUTE = "mc:importRoute";
    String PROP_IMPORT_MESSAGE_ID = "mc:importMessageId";
    String PROP_IMPORT_RECEIVED_AT = "mc:importReceivedAt";

    // ---- Closed vocabularies (LIST constraints in the XML) -----------------------------------
    /** Values of mc:caseType. */
    java.util.List<String> CASE_TYPES = java.util.List.of(
            "workersCompensation", "personalInjury", "disability", "medicalMalpractice", "other");
    /** Values of mc:caseStatus. */
    java.util.List<String> CASE_STATUSES = java.util.List.of("open", "closed", "archived");
    /** Values of mc:recordCategory. */
    java.util.List<String> RECORD_CATEGORIES = java.util.List.of(
            "clinicalNotes", "dischargeSummary", "operativeReport", "imaging", "radiologyReport",
            "laboratory", "pharmacy", "billing", "psychotherapyNotes", "substanceUseTreatment",
            "mentalHealth", "correspondence", "legal", "other");
    /** Values of mc:sensitivityLabels. */
    java.util.List<String> SENSITIVITY_LABELS = java.util.List.of(
            "psychotherapy", "substanceUse", "hiv", "genetic", "mentalHealth", "reproductive");
    /** Values of mc:dispositionAction. */
    java.util.List<String> DISPOSITION_ACTIONS = java.util.List.of(
            "destroyContent", "destroyEntirely", "transfer", "review");

    // ---- Roles (permissionDefinitions in the platform module) --------------------------------
    String ROLE_RECORDS_MANAGER = "MedCaseRecordsManager";
    String ROLE_RECORDS_CLERK = "MedCaseRecordsClerk";
    String ROLE_LEGAL_HOLD_ADMINISTRATOR = "MedCaseLegalHoldAdministrator";
    String ROLE_OUTSIDE_PARTY_READER = "MedCaseOutsidePartyReader";

    /** Alfresco groups that the records-team roles are granted to (authority names). */
    String GROUP_RECORDS_MANAGERS = "GROUP_MEDCASE_RECORDS_MANAGERS";
    String GROUP_RECORDS_CLERKS = "GROUP_MEDCASE_RECORDS_CLERKS";
    String GROUP_LEGAL_HOLD_ADMINISTRATORS = "GROUP_MEDCASE_LEGAL_HOLD_ADMINISTRATORS";
}
