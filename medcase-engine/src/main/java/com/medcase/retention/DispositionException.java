package com.medcase.retention;

/** A disposition step refused; the message says why and what would allow it. */
public class DispositionException extends RuntimeException {
    public DispositionException(String message) {
        super(message);
    }
}
