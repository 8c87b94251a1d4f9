package com.medcase.repository;

/** Optional repository features that change how the adapter enforces things. */
public enum RepositoryCapability {
    /** Documents can be versioned (checked in as new versions). */
    VERSIONING,
    /** The repository knows the sys:undeletable aspect and enforces it itself (ACS). */
    SYS_UNDELETABLE,
    /** Alfresco Governance Services is installed (native holds available over REST). */
    GOVERNANCE_SERVICES
}
