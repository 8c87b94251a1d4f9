package com.medcase.repository;

/** A delete or change refused because the object is under legal hold. */
public class RecordHeldException extends RepositoryException {
    @Override
    public boolean isTransient() {
        return false;
    }

    public RecordHeldException(String objectId) {
        super("Object " + objectId + " is under legal hold and cannot be deleted, moved or changed; release every hold on it first");
    }
}
