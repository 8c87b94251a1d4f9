/** The service side of the import routes: audit, consent projection and indexing of imported records, the monitor API. */
package com.medcase.service.importing;
