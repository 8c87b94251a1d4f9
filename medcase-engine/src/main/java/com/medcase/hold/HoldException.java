package com.medcase.hold;

/** A hold operation refused: who may not do it, or what is missing. */
public class HoldException extends RuntimeException {
    public HoldException(String message) {
        super(message);
    }
}
