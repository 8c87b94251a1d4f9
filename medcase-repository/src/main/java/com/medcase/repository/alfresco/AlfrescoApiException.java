package com.medcase.repository.alfresco;

import com.medcase.repository.RepositoryException;

/**
 * Alfresco answered with an error: its HTTP status and, when the body is ACS's error shape
 * ({@code {"error":{"errorKey","statusCode","briefSummary",...}}}), its key and summary.
 */
public class AlfrescoApiException extends RepositoryException {

    private final int status;
    private final String errorKey;

    public AlfrescoApiException(String message, int status, String errorKey) {
        super(message);
        this.status = status;
        this.errorKey = errorKey;
    }

    public int status() {
        return status;
    }

    /** 5xx and 429 may pass; every other answer is the repository's decision. */
    @Override
    public boolean isTransient() {
        return status >= 500 || status == 429;
    }

    public String errorKey() {
        return errorKey;
    }
}
