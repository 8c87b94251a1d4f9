package com.medcase.repository;

/**
 * The repository has no such node (ACS answers 404: never created, deleted, purged by disposition, or not
 * visible to the service account). A decision of the repository, not a passing failure: trying again
 * does not help, and callers answer "not found" (or "gone", when they know why), never a server error.
 */
public class NodeNotFoundException extends RepositoryException {

    private final String nodeId;

    public NodeNotFoundException(String nodeId, String message, Throwable cause) {
        super(message, cause);
        this.nodeId = nodeId;
    }

    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
