package com.medcase.retention;

/** The event a retention period counts from. */
public enum TriggerEvent { CASE_CLOSED, LAST_DATE_OF_SERVICE, RECORD_RECEIVED, CLAIMANT_REACHES_MAJORITY }
