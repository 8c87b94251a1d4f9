/** Claimant rights export: ZIP with manifest, files, FHIR R4 Bundle and the Part 2 notice where due. */
package com.medcase.service.export;
