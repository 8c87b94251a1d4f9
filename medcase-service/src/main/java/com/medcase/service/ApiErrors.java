package com.medcase.service;

import com.medcase.consent.InvalidAuthorizationException;
import com.medcase.hold.HoldException;
import com.medcase.repository.NodeNotFoundException;
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

    /** 410: the record existed and disposition destroyed it; the certificate that proves it is named. */
    @ExceptionHandler(RecordAccess.RecordDestroyed.class)
    ProblemDetail destroyed(RecordAccess.RecordDestroyed e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, e.getMessage());
        problem.setTitle("Destroyed by disposition");
        problem.setProperty("recordId", e.recordId());
        problem.setProperty("certificateId", e.certificateId());
        problem.setProperty("disposition", e.disposition());
        problem.setProperty("destroyedAt", e.destroyedAt().toString());
        return problem;
    }

    /** Any read of a node the repository no longer has (or never had) is "not found", never a server error. */
    @ExceptionHandler(NodeNotFoundException.class)
    ProblemDetail nodeNotFound(NodeNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
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
