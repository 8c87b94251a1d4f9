package com.medcase.consent;

/** An authorization rejected because a required element is missing or wrong; names the element. */
public class InvalidAuthorizationException extends RuntimeException {

    private final String authorizationId;
    private final String element;

    public InvalidAuthorizationException(String authorizationId, String element, String rule, String fix) {
        super("Authorization " + authorizationId + " is missing or has an invalid '" + element + "' (" + rule + "): " + fix);
        this.authorizationId = authorizationId;
        this.element = element;
    }

    public String authorizationId() {
        return authorizationId;
    }

    /** The element at fault, e.g. "expiration" or "recipient". */
    public String element() {
        return element;
    }
}
