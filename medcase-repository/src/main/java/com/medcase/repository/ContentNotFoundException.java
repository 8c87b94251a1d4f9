package com.medcase.repository;

/**
 * The node exists but has no content: disposition destroyed the content and kept the metadata (ACS then
 * answers the content request with an empty body). Not transient.
 */
public class ContentNotFoundException extends NodeNotFoundException {

    public ContentNotFoundException(String nodeId, String message) {
        super(nodeId, message, null);
    }
}
