package com.medcase.service.consent;

import com.medcase.consent.Action;
import com.medcase.consent.Principal;
import com.medcase.consent.Purpose;
import com.medcase.consent.RoleTable;
import com.medcase.consent.SensitivityLabelPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code medcase.consent.*} binds onto the engine's RoleTable and SensitivityLabelPolicy, defaults where unset. */
class ConsentPolicyPropertiesTest {

    @Test
    void nothingConfiguredKeepsTheEnginesDefaults() {
        ConsentPolicyProperties p = bind(Map.of("medcase.other", "x"));
        assertThat(p.roleTable()).isEqualTo(RoleTable.DEFAULT);
        assertThat(p.labelPolicy()).isEqualTo(SensitivityLabelPolicy.DEFAULT);
    }

    @Test
    void administrativePurposesAndLabelsPerJurisdictionAreBoundOverTheDefaults() {
        ConsentPolicyProperties p = bind(Map.of(
                "medcase.consent.roles.administrative-purposes.RECORDS_CLERK", "RECORDS_ADMINISTRATION",
                "medcase.consent.labels.by-jurisdiction[US-CA]", "hiv,genetic"));
        assertThat(p.roleTable().administrative(Principal.Role.RECORDS_CLERK, Purpose.RECORDS_ADMINISTRATION)).isTrue();
        assertThat(p.roleTable().reachOf(Principal.Role.RECORDS_MANAGER, Action.READ_CONTENT)).isEqualTo(RoleTable.Reach.ALL);
        assertThat(p.labelPolicy().explicitLabels("US-CA")).isEqualTo(Set.of("hiv", "genetic"));
        assertThat(p.labelPolicy().explicitLabels("US-NY")).isEqualTo(SensitivityLabelPolicy.DEFAULT_EXPLICIT_LABELS);
    }

    private static ConsentPolicyProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("medcase.consent", ConsentPolicyProperties.class)
                .orElse(new ConsentPolicyProperties(null, null));
    }
}
