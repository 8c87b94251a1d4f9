package com.medcase.repository.cmis;

/** Which repository is behind the CMIS endpoint; decides the few things that differ. */
public enum RepositoryFlavor {
    /** Alfresco Content Services: knows sys:undeletable and groups; versions documents. */
    ALFRESCO,
    /**
     * The embedded OpenCMIS InMemory server: no groups in ACL checks (the adapter expands them to
     * users), no sys:undeletable (the server's hold wrapper enforces P:mc:legalHold instead).
     */
    EMBEDDED
}
