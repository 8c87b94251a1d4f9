package com.medcase.retention;

import java.time.Instant;

/** One approval of a disposition. */
public record Approval(String approver, Instant at) { }
