package com.medcase.service;

import com.medcase.consent.InvalidAuthorizationException;
import com.medcase.hold.HoldException;
import com.medcase.repository.RecordHeldException;
import com.medcase.service.records.RecordAccess;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.NoSuchElementException;

/** Turns domain refusals into RFC 9457 problem details that say what was wrong and what to do. */
@RestControllerAdvice
class ApiErrors {

    @ExceptionHandler(RecordAccess.AccessDeniedByConsent.class)
    ProblemDetail consentDenied(RecordAccess.AccessDeniedByConsent e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setProperty("reasons", e.reasons());
        return problem;
    }

    @ExceptionHandler({InvalidAuthorizationException.class, IllegalArgumentException.class})
    ProblemDetail invalid(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({HoldException.class, RecordHeldException.class, IllegalStateException.class,
            com.medcase.store.consent.JdbcAuthorizationStore.AuthorizationExistsException.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
