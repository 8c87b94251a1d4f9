/**
 * The embedded default repository: the OpenCMIS InMemory server on Jetty 9.4, on loopback, as its own
 * process. Adds what the InMemory server lacks: the MedCase types generated from the model XML,
 * authentication, and legal-hold enforcement standing in for Alfresco's {@code sys:undeletable}.
 */
package com.medcase.cmis.embedded;
