package com.medcase.retention;

/**
 * The event a retention period counts from. {@code RELATIONSHIP_ENDED}: the end of the firm's engagement
 * with the claimant (some bar rules count file retention from it).
 */
public enum TriggerEvent { CASE_CLOSED, LAST_DATE_OF_SERVICE, RECORD_RECEIVED, CLAIMANT_REACHES_MAJORITY, RELATIONSHIP_ENDED }
