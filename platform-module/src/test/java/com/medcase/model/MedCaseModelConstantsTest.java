package com.medcase.model;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java constants and the model XML name exactly the same things. */
class MedCaseModelConstantsTest {

    final ModelDefinitions model = ModelDefinitions.load();

    @Test
    void typeConstantsMatchTheModelsTypes() {
        assertThat(constants("TYPE_")).containsExactlyInAnyOrderElementsOf(names(ModelDefinitions.ClassKind.TYPE));
    }

    @Test
    void aspectConstantsMatchTheModelsAspects() {
        assertThat(constants("ASPECT_")).containsExactlyInAnyOrderElementsOf(names(ModelDefinitions.ClassKind.ASPECT));
    }

    @Test
    void propertyConstantsMatchTheModelsProperties() {
        assertThat(constants("PROP_")).containsExactlyInAnyOrderElementsOf(model.allProperties().keySet());
    }

    @Test
    void associationConstantsMatchTheModelsAssociations() {
        assertThat(constants("ASSOC_")).containsExactlyInAnyOrderElementsOf(model.allAssociations().keySet());
    }

    @Test
    void vocabulariesEqualTheListConstraints() {
        Map<List<String>, String> vocabularies = new LinkedHashMap<>();
        vocabularies.put(MedCaseModel.CASE_TYPES, "mc:caseTypeList");
        vocabularies.put(MedCaseModel.CASE_STATUSES, "mc:caseStatusList");
        vocabularies.put(MedCaseModel.RECORD_CATEGORIES, "mc:recordCategoryList");
        vocabularies.put(MedCaseModel.SENSITIVITY_LABELS, "mc:sensitivityLabelList");
        vocabularies.put(MedCaseModel.DISPOSITION_ACTIONS, "mc:dispositionActionList");
        vocabularies.forEach((java, constraint) -> assertThat(java).as(constraint)
                .containsExactlyElementsOf(model.constraints().get(constraint).allowedValues()));
        assertThat(model.constraints().values().stream().filter(c -> c.type().equals("LIST")).map(ModelDefinitions.ConstraintDef::name))
                .as("every LIST constraint has a Java vocabulary").containsExactlyInAnyOrderElementsOf(vocabularies.values());
    }

    @Test
    void roleConstantsMatchThePermissionDefinitions() throws Exception {
        String permissions;
        try (var in = getClass().getClassLoader().getResourceAsStream("alfresco/module/platform-module/model/medcasePermissionDefinitions.xml")) {
            permissions = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Set<String> declared = new TreeSet<>();
        var m = java.util.regex.Pattern.compile("<permissionGroup name=\"([^\"]+)\"").matcher(permissions);
        while (m.find()) {
            declared.add(m.group(1));
        }
        assertThat(constants("ROLE_")).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(permissions).contains("uri=\"" + MedCaseModel.NAMESPACE_URI + "\" prefix=\"mc\"");
    }

    private List<String> names(ModelDefinitions.ClassKind kind) {
        return model.classesOfKind(kind).stream().map(ModelDefinitions.ClassDef::name).toList();
    }

    private static List<String> constants(String prefix) {
        List<String> values = new ArrayList<>();
        for (Field f : MedCaseModel.class.getFields()) {
            if (f.getName().startsWith(prefix) && f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    values.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }
}
