package com.medcase.service.consent;

import com.medcase.consent.RoleTable;
import com.medcase.consent.SensitivityLabelPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code medcase.consent.*}: the records-team role table and which sensitivity labels an authorization
 * must name, per jurisdiction. Anything not configured keeps the engine's documented default, e.g.
 * <pre>
 * medcase.consent.roles.administrative-purposes.RECORDS_CLERK: RECORDS_ADMINISTRATION
 * medcase.consent.labels.by-jurisdiction[US-CA]: hiv, genetic, mentalHealth
 * </pre>
 */
@ConfigurationProperties(prefix = "medcase.consent")
public record ConsentPolicyProperties(RoleTable roles, SensitivityLabelPolicy labels) {

    public RoleTable roleTable() {
        return roles == null ? RoleTable.DEFAULT : roles;
    }

    public SensitivityLabelPolicy labelPolicy() {
        return labels == null ? SensitivityLabelPolicy.DEFAULT : labels;
    }
}
