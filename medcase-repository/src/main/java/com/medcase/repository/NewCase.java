package com.medcase.repository;

import java.util.Map;
import java.util.Objects;

/** A case to create: its unique case/claim number and the mc:case properties. */
public record NewCase(String caseNumber, Map<String, Object> properties) {
    public NewCase {
        Objects.requireNonNull(caseNumber, "caseNumber");
        properties = Map.copyOf(properties);
    }
}
