package com.medcase.service.console;

import com.medcase.consent.InvalidAuthorizationException;
import com.medcase.hold.HoldException;
import com.medcase.repository.RecordHeldException;
import com.medcase.service.records.RecordAccess;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Refusals on console pages shown as the console's error page (with its navigation and a sentence saying what to
 * do), not as the API's JSON problem details: this advice covers the console controllers only and runs before the
 * API's. Spring Security's own AccessDeniedException is left to the security filter (403 page).
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    @ExceptionHandler(NoSuchElementException.class)
    ModelAndView notFound(NoSuchElementException e) {
        return page(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(RecordAccess.AccessDeniedByConsent.class)
    ModelAndView consent(RecordAccess.AccessDeniedByConsent e) {
        return page(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler({InvalidAuthorizationException.class, IllegalArgumentException.class})
    ModelAndView invalid(RuntimeException e) {
        return page(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({HoldException.class, RecordHeldException.class, IllegalStateException.class})
    ModelAndView conflict(RuntimeException e) {
        return page(HttpStatus.CONFLICT, e.getMessage());
    }

    private static ModelAndView page(HttpStatus status, String message) {
        ModelAndView view = new ModelAndView("error", Map.of("status", status.value(), "message", message == null ? "" : message));
        view.setStatus(status);
        return view;
    }
}
