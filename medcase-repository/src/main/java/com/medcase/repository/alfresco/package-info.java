/**
 * The production repository binding: Alfresco's public REST API v1 (core and Governance Services),
 * used against ACS and against the embedded default alike, with the Alfresco SDK's generated models
 * as the request and response payloads.
 */
package com.medcase.repository.alfresco;
