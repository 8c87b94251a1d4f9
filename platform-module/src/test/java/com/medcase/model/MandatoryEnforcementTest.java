package com.medcase.model;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which mandatory properties ACS enforces ({@code <mandatory enforced="true">}: the IntegrityChecker
 * refuses the transaction) and which are only form hints. See the rule in medcaseModel.xml's header.
 */
class MandatoryEnforcementTest {

    static final Set<String> ENFORCED = Set.of(MedCaseModel.PROP_RECORD_CATEGORY,
            MedCaseModel.PROP_HOLD_IDS, MedCaseModel.PROP_HELD_SINCE,
            MedCaseModel.PROP_RETENTION_SCHEDULE_ID, MedCaseModel.PROP_DISPOSITION_ACTION,
            MedCaseModel.PROP_IMPORT_ROUTE, MedCaseModel.PROP_IMPORT_MESSAGE_ID, MedCaseModel.PROP_IMPORT_RECEIVED_AT);

    @Test
    void theCategoryAndTheServiceOwnedAspectFieldsAreEnforced() throws Exception {
        assertThat(enforced()).containsExactlyInAnyOrderElementsOf(ENFORCED);
    }

    @Test
    void onlyMandatoryPropertiesAreEnforced() throws Exception {
        var model = ModelDefinitions.load();
        enforced().forEach(p -> assertThat(model.allProperties().get(p).mandatory()).as("%s is mandatory", p).isTrue());
    }

    @Test
    void sensitivityLabelsStayUnenforcedSoShareCanAddTheAspect() throws Exception {
        assertThat(enforced()).doesNotContain(MedCaseModel.PROP_SENSITIVITY_LABELS);
    }

    static Set<String> enforced() throws Exception {
        try (InputStream in = MandatoryEnforcementTest.class.getClassLoader().getResourceAsStream(ModelDefinitions.MODEL_RESOURCE)) {
            NodeList properties = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getElementsByTagName("property");
            Set<String> names = new TreeSet<>();
            for (int i = 0; i < properties.getLength(); i++) {
                Element p = (Element) properties.item(i);
                NodeList mandatory = p.getElementsByTagName("mandatory");
                if (mandatory.getLength() == 1 && "true".equals(((Element) mandatory.item(0)).getAttribute("enforced"))) {
                    names.add(p.getAttribute("name"));
                }
            }
            return names;
        }
    }
}
