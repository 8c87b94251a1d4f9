/**
 * Retention and disposition: schedules per record category and jurisdiction, disposition dates
 * computed from trigger events, a disposition queue with (double, for sensitive records) approval,
 * destruction certificates, and erasure requests weighed against holds and minimum retention.
 * Held items never become destroyable: holds are checked when an item falls due, when it is
 * approved and again at execution.
 */
package com.medcase.retention;
