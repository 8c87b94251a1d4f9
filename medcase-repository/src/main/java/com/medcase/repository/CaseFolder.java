package com.medcase.repository;

import java.util.Map;

/** A case folder as stored: its repository id, path and model properties. */
public record CaseFolder(String id, String path, String caseNumber, Map<String, Object> properties) {
    public CaseFolder {
        properties = Map.copyOf(properties);
    }
}
