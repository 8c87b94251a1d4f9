package com.medcase.consent;

import java.util.Map;
import java.util.Set;

/**
 * Which sensitivity labels an authorization must name explicitly to cover a record carrying them, per
 * jurisdiction (state law decides, e.g. for HIV or genetic test results). A label not in the set is
 * covered by any permit that otherwise matches. Configuration; the service binds it under
 * {@code medcase.consent.labels}.
 *
 * @param defaultExplicit labels that must be named where the jurisdiction is not configured or unknown;
 *                        default {@link #DEFAULT_EXPLICIT_LABELS}
 * @param byJurisdiction  the set for a jurisdiction (e.g. {@code US-CA}), replacing the default there
 */
public record SensitivityLabelPolicy(Set<String> defaultExplicit, Map<String, Set<String>> byJurisdiction) {

    /**
     * Default: HIV, genetic, mental health, reproductive health and substance use, and psychotherapy
     * (which also needs its own authorization kind, 164.508(a)(2)). Every label MedCase knows.
     */
    public static final Set<String> DEFAULT_EXPLICIT_LABELS =
            Set.of("hiv", "genetic", "mentalHealth", "reproductive", "substanceUse", "psychotherapy");

    public static final SensitivityLabelPolicy DEFAULT = new SensitivityLabelPolicy(DEFAULT_EXPLICIT_LABELS, Map.of());

    public SensitivityLabelPolicy {
        defaultExplicit = defaultExplicit == null ? DEFAULT_EXPLICIT_LABELS : Set.copyOf(defaultExplicit);
        byJurisdiction = byJurisdiction == null ? Map.of() : Map.copyOf(byJurisdiction);
    }

    /** The labels that must be named for a record of {@code jurisdiction} (null: the default). */
    public Set<String> explicitLabels(String jurisdiction) {
        Set<String> configured = jurisdiction == null ? null : byJurisdiction.get(jurisdiction);
        return configured != null ? configured : defaultExplicit;
    }
}
