/**
 * The repository port: what MedCase needs of a content repository, in model terms. Adapters live in
 * sub-packages ({@code cmis}); enforcement of consent and holds in {@code com.medcase.enforcement}.
 */
package com.medcase.repository;
