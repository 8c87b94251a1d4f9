/**
 * Consent-aware access: authorizations shaped like HIPAA 45 CFR 164.508(c) and 42 CFR Part 2 consents
 * (and like a FHIR R4 Consent), their validation, the access decision for one request, and the
 * bulk projection of who may read a record, which the repository binding turns into ACLs.
 */
package com.medcase.consent;
