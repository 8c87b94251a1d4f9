/** Retention schedules and the disposition queue (due, approve, execute with a destruction certificate). */
package com.medcase.service.retention;
