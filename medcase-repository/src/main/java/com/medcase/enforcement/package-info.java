/**
 * Enforcement through data the repository itself checks: the consent engine's readers of a record
 * become its ACL (re-projected on every authorization change, revocation and expiry), and legal
 * holds become {@code P:mc:legalHold} plus {@code sys:undeletable} (or the embedded server's
 * equivalent) and the removal of write and delete rights, restored when the last hold is released.
 * There is no pre-commit veto in ACS, so this is where "no" has to live.
 */
package com.medcase.enforcement;
