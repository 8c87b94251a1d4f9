/** The claimant registry: REST and console registration of claimants (name, date of birth, identifiers) for demographic matching of imports. */
package com.medcase.service.claimants;
