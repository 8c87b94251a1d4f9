/**
 * The governance scheduler: Quartz with its clustered JDBC job store on the service's own database, so
 * that jobs survive restarts and each run happens on one node of however many share the database.
 * Each {@link com.medcase.service.scheduling.GovernanceJob} bean becomes a durable, recoverable,
 * non-concurrent Quartz job; every run is logged ({@code mc_job_run}) for the admin page and API.
 */
package com.medcase.service.scheduling;
