/** Configuration under medcase.* and the wiring of the service's own state (JDBC, Flyway), the content repository (embedded CMIS process with journal, or ACS) and engine services. */
package com.medcase.service.config;
