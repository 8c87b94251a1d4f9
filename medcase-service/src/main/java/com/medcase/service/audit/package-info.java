/** Reading and verifying the hash-chained audit ledger. */
package com.medcase.service.audit;
