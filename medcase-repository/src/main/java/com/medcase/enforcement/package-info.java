/**
 * Enforcement through what the repository itself checks: each authorization is a repository group
 * whose members are its recipients while it is active, each record's ACL (inheritance off) names the
 * records-team groups and the groups of the authorizations that cover it, and legal holds are the
 * repository's native holds, which freeze records against delete, move and change. There is no
 * pre-commit veto in ACS, so this is where "no" has to live; the request-time consent decision in the
 * service stays as defence in depth.
 */
package com.medcase.enforcement;
