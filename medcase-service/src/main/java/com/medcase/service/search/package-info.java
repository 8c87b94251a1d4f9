/** Consent-filtered search: the readers filter applies before totals, facets and paging. */
package com.medcase.service.search;
