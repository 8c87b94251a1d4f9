/**
 * The FHIR R4 import channel: DocumentReferences and Bundles posted to the service or polled from a
 * provider's FHIR server, mapped to {@link com.medcase.importing.pipeline.IncomingDocument}s and
 * imported through the shared pipeline. What cannot be imported is kept in the dead-letter store
 * with its original bytes.
 */
package com.medcase.importing.fhir;
