package com.medcase.model;

import com.medcase.model.ModelDefinitions.ClassDef;
import com.medcase.model.ModelDefinitions.ClassKind;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules Alfresco enforces at model load time that modelSchema.xsd cannot express. A model that
 * breaks one of them fails to bootstrap in ACS, so it fails here first.
 */
class ModelSelfConsistencyTest {

    static final String LABELS = "alfresco/module/platform-module/messages/medcaseModel";
    static final List<String> LOCALES = List.of("", "_fr");
    static final Set<String> KNOWN_DATA_TYPES = Set.of("d:text", "d:mltext", "d:int", "d:long", "d:float", "d:double",
            "d:date", "d:datetime", "d:boolean", "d:noderef", "d:qname", "d:content", "d:any", "d:category");
    static final Set<String> ALFRESCO_PARENTS = Set.of("cm:folder", "cm:content", "cm:cmobject", "sys:base");

    final ModelDefinitions model = ModelDefinitions.load();

    @Test
    void declaresItsOwnNamespaceAndImportsTheAlfrescoOnesItUses() {
        assertThat(model.name()).isEqualTo(MedCaseModel.MODEL_NAME);
        assertThat(model.namespaces()).containsExactly(java.util.Map.entry(MedCaseModel.PREFIX, MedCaseModel.NAMESPACE_URI));
        assertThat(model.imports()).containsEntry("d", "http://www.alfresco.org/model/dictionary/1.0")
                .containsEntry("cm", "http://www.alfresco.org/model/content/1.0")
                .containsEntry("sys", "http://www.alfresco.org/model/system/1.0");
    }

    @Test
    void everyNameIsInTheModelsOwnNamespace() {
        List<String> names = new ArrayList<>(model.classes().keySet());
        names.addAll(model.allProperties().keySet());
        names.addAll(model.allAssociations().keySet());
        names.addAll(model.constraints().keySet());
        assertThat(names).allSatisfy(n -> assertThat(n).startsWith(MedCaseModel.PREFIX + ":"));
    }

    @Test
    void everyReferencedConstraintIsDeclared() {
        model.allProperties().values().forEach(p -> assertThat(model.constraints().keySet())
                .as("constraints referenced by %s", p.name()).containsAll(p.constraintRefs()));
    }

    @Test
    void everyDeclaredConstraintIsUsed() {
        Set<String> used = new java.util.HashSet<>();
        model.allProperties().values().forEach(p -> used.addAll(p.constraintRefs()));
        assertThat(used).containsAll(model.constraints().keySet());
    }

    @Test
    void listConstraintsHaveValuesAndRegexConstraintsCompile() {
        model.constraints().values().forEach(c -> {
            switch (c.type()) {
                case "LIST" -> assertThat(c.allowedValues()).as(c.name()).isNotEmpty().doesNotHaveDuplicates();
                case "REGEX" -> assertThat(java.util.regex.Pattern.compile(c.expression())).as(c.name()).isNotNull();
                default -> throw new AssertionError("Unexpected constraint type " + c.type() + " on " + c.name());
            }
        });
    }

    @Test
    void parentsAndAssociationTargetsExist() {
        for (ClassDef c : model.classes().values()) {
            if (c.kind() == ClassKind.TYPE) {
                assertThat(c.parent()).as("parent of %s", c.name())
                        .satisfiesAnyOf(p -> assertThat(ALFRESCO_PARENTS).contains(p),
                                p -> assertThat(model.classes()).containsKey(p));
            }
            c.associations().values().forEach(a -> assertThat(model.classes()).as("target of %s", a.name()).containsKey(a.targetClass()));
        }
    }

    @Test
    void propertiesUseKnownDataTypes() {
        model.allProperties().values().forEach(p -> assertThat(KNOWN_DATA_TYPES).as(p.name()).contains(p.dataType()));
    }

    @Test
    void everyElementHasATitleInEveryLocale() throws IOException {
        List<String> keys = new ArrayList<>();
        model.classes().values().forEach(c -> keys.add(labelKey(c.kind() == ClassKind.TYPE ? "type" : "aspect", c.name())));
        model.allProperties().keySet().forEach(p -> keys.add(labelKey("property", p)));
        model.allAssociations().keySet().forEach(a -> keys.add(labelKey("association", a)));
        model.constraints().values().forEach(c -> {
            keys.add(labelKey("constraint", c.name()));
            c.allowedValues().forEach(v -> keys.add("listconstraint." + c.name().replace(':', '_') + "." + v));
        });
        for (String locale : LOCALES) {
            Properties bundle = bundle(locale);
            assertThat(bundle.stringPropertyNames()).as("keys in medcaseModel%s.properties", locale).containsAll(keys);
            assertThat(keys).as("medcaseModel%s.properties has keys for elements the model lacks", locale)
                    .containsAll(bundle.stringPropertyNames());
        }
    }

    @Test
    void duplicateNamesAreRejected() {
        String xml = """
                <model name="mc:caseModel" xmlns="http://www.alfresco.org/model/dictionary/1.0">
                  <types>
                    <type name="mc:case"><parent>cm:folder</parent></type>
                    <type name="mc:case"><parent>cm:folder</parent></type>
                  </types>
                </model>""";
        assertThatThrownBy(() -> ModelDefinitions.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("Duplicate type or aspect 'mc:case'");
    }

    static String labelKey(String kind, String name) {
        return "mc_caseModel." + kind + "." + name.replace(':', '_') + ".title";
    }

    static Properties bundle(String locale) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ModelSelfConsistencyTest.class.getClassLoader().getResourceAsStream(LABELS + locale + ".properties")) {
            assertThat(in).as("bundle %s%s.properties", LABELS, locale).isNotNull();
            p.load(in);
        }
        return p;
    }
}
