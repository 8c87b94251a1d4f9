/** Configuration under medcase.* and the wiring of the service's own state (JDBC, Flyway), the content repository (ACS, or the embedded default repository in-process; always over the Alfresco REST API v1) and engine services. */
package com.medcase.service.config;
