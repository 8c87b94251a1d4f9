/** The claimant registry (issue 11): the names, dates of birth and identifiers demographic matching of imports needs. */
package com.medcase.store.claimant;
