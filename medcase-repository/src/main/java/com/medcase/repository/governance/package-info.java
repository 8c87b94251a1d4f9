/**
 * Alfresco Governance Services holds over its public REST API (gs/versions/1), for deployments where
 * GS is installed: MedCase then mirrors its holds as native GS holds, visible to records managers in
 * Share's RM views. Written against the published API (gs-core-api.yaml) with java.net.http: the
 * Alfresco Java SDK's REST client needs Spring Cloud OpenFeign built for Spring Boot 4.0, which this
 * plain-Java module does not carry.
 */
package com.medcase.repository.governance;
