/**
 * The service's own database files as an administrator sees them: for each H2 file database of this process (the
 * service's, the embedded repository's), when it was last forced to disk, how large it is and how much of it is live,
 * and whether its upkeep ({@link com.medcase.store.H2FileUpkeep}) is failing. {@code /api/admin/storage} and the
 * console page {@code /console/storage}, both for administrators.
 */
package com.medcase.service.storage;
