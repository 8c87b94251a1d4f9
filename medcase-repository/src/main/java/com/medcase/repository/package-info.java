/**
 * The repository port: what MedCase needs of a content repository, in model terms. Adapters live in
 * sub-packages ({@code alfresco}: the Alfresco REST API v1); enforcement of consent and holds in {@code com.medcase.enforcement}.
 */
package com.medcase.repository;
