/** Claimant authorizations over REST: validated, stored, projected onto ACLs and the search index's readers. */
package com.medcase.service.consent;
