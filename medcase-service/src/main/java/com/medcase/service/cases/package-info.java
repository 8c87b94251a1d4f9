/** Opening cases and filing records: vocabularies checked, audited, consent projected and indexed at once. */
package com.medcase.service.cases;
