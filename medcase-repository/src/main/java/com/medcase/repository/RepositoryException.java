package com.medcase.repository;

/** A repository operation that failed; the message says which object and what to do. */
public class RepositoryException extends RuntimeException {
    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether trying again later may succeed (the repository unreachable or restarting), as opposed to
     * a refusal that repetition does not change (bad request, permission, hold).
     */
    public boolean isTransient() {
        return true;
    }
}
