package com.medcase.share;

import com.medcase.model.ModelDefinitions;
import com.medcase.model.ModelDefinitions.ClassKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Share's rendering of the model names only what the model defines, and covers all of it. */
class ShareConfigMatchesModelTest {

    static final String SHARE_CONFIG = "META-INF/share-config-custom.xml";
    static final String SHARE_CONTEXT = "alfresco/web-extension/medcase-share-context.xml";
    static final String MESSAGES = "alfresco/web-extension/messages/medcase-share";
    static final List<String> LOCALES = List.of("", "_fr");
    /** Any attribute or element text that names an mc: thing. */
    static final Pattern MC_NAME = Pattern.compile("[\">](mc:[A-Za-z0-9]+)[\"<]");
    static final Pattern MESSAGE_KEY = Pattern.compile("(?:label-id|labelId|descriptionId|label)=\"(medcase\\.[^\"]+)\"");

    final ModelDefinitions model = ModelDefinitions.load();
    final String config = resource(SHARE_CONFIG);

    @Test
    void everyMedCaseNameInShareConfigurationExistsInTheModel() {
        Set<String> known = new TreeSet<>(model.classes().keySet());
        known.addAll(model.allProperties().keySet());
        known.addAll(model.allAssociations().keySet());
        for (String file : List.of(SHARE_CONFIG, SHARE_CONTEXT)) {
            assertThat(mcNames(resource(file))).as("mc: names in %s that the model does not define", file)
                    .isSubsetOf(known);
        }
    }

    @Test
    void everyTypeHasViewEditCreateAndDoclibForms() {
        for (var type : model.classesOfKind(ClassKind.TYPE)) {
            assertThat(config).as("view/edit form of %s", type.name())
                    .contains("<config evaluator=\"node-type\" condition=\"" + type.name() + "\">");
            assertThat(config).as("create form of %s", type.name())
                    .contains("<config evaluator=\"model-type\" condition=\"" + type.name() + "\">");
            String nodeTypeSection = section("node-type", type.name());
            assertThat(nodeTypeSection).as("doclib-simple-metadata form of %s", type.name())
                    .contains("<form id=\"doclib-simple-metadata\">");
            type.properties().keySet().forEach(p -> assertThat(nodeTypeSection)
                    .as("%s shown on the form of %s", p, type.name()).contains("<show id=\"" + p + "\""));
        }
    }

    @Test
    void everyAspectIsVisibleInTheDocumentLibraryAndEveryAspectPropertyIsOnAForm() {
        for (var aspect : model.classesOfKind(ClassKind.ASPECT)) {
            assertThat(config).as("Document Library knows %s", aspect.name()).contains("<aspect name=\"" + aspect.name() + "\"/>");
            aspect.properties().keySet().forEach(p -> assertThat(config).as("%s on some form", p).contains("<show id=\"" + p + "\""));
        }
    }

    /** Documents of the model's record type carry the "open in the console" action, in the browse list and on the details page. */
    @Test
    void recordsHaveTheOpenInConsoleActionOnTheRecordType() {
        String context = resource(SHARE_CONTEXT);
        assertThat(context).containsPattern("(?s)id=\"evaluator.doclib.medcase.isRecord\".*?<value>" + com.medcase.model.MedCaseModel.TYPE_MEDICAL_RECORD + "</value>");
        assertThat(config).containsPattern("(?s)<action id=\"medcase-open-record-in-console\".*?\\{node\\.nodeRef\\}.*?evaluator.doclib.medcase.isRecord")
                .containsPattern("(?s)<actionGroup id=\"document-browse\">.*?id=\"medcase-open-record-in-console\"")
                .containsPattern("(?s)<actionGroup id=\"document-details\">.*?id=\"medcase-open-record-in-console\"");
        assertThat(resource("alfresco/web-extension/messages/medcase-share.properties")).contains("medcase.action.openRecordInConsole=");
        assertThat(resource("alfresco/web-extension/messages/medcase-share_fr.properties")).contains("medcase.action.openRecordInConsole=");
    }

    @Test
    void holdAndSensitivityIndicatorsAreWiredToEvaluatorsOnTheRightAspects() {
        String context = resource(SHARE_CONTEXT);
        assertThat(config).contains("<evaluator>evaluator.doclib.medcase.underLegalHold</evaluator>")
                .contains("<evaluator>evaluator.doclib.medcase.sensitive</evaluator>");
        assertThat(context).containsPattern("(?s)id=\"evaluator.doclib.medcase.underLegalHold\".*?<value>mc:legalHold</value>")
                .containsPattern("(?s)id=\"evaluator.doclib.medcase.sensitive\".*?<value>mc:sensitive</value>");
        Matcher icons = Pattern.compile("<indicator [^>]*icon=\"([^\"]+)\"").matcher(config);
        while (icons.find()) {
            assertThat(getClass().getClassLoader().getResource("META-INF/components/documentlibrary/indicators/" + icons.group(1)))
                    .as("indicator icon %s", icons.group(1)).isNotNull();
        }
        // Share's actions.js looks action icons up as components/documentlibrary/actions/<icon>-16.png.
        Matcher actionIcons = Pattern.compile("<action id=\"[^\"]+\" type=\"[^\"]+\" icon=\"([^\"]+)\"").matcher(config);
        while (actionIcons.find()) {
            assertThat(getClass().getClassLoader().getResource("META-INF/components/documentlibrary/actions/" + actionIcons.group(1) + "-16.png"))
                    .as("action icon %s", actionIcons.group(1)).isNotNull();
        }
    }

    @Test
    void advancedSearchOffersCasesAndRecordsWithSearchForms() {
        assertThat(config).contains(">mc:case</form>").contains(">mc:medicalRecord</form>");
        assertThat(section("model-type", "mc:case")).contains("<form id=\"search\">");
        assertThat(section("model-type", "mc:medicalRecord")).contains("<form id=\"search\">");
    }

    @Test
    void everyMessageKeyUsedExistsInEveryLocaleAndLocalesAgree() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher m = MESSAGE_KEY.matcher(config);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).isNotEmpty();
        Set<String> defaultKeys = bundle("").stringPropertyNames();
        for (String locale : LOCALES) {
            Set<String> keys = bundle(locale).stringPropertyNames();
            assertThat(keys).as("medcase-share%s.properties", locale).containsAll(used).isEqualTo(defaultKeys);
        }
        Set<String> expected = new TreeSet<>(used);
        expected.addAll(classAndRoleLabelKeys());
        assertThat(expected).as("unused keys in medcase-share.properties").containsAll(defaultKeys);
    }

    /**
     * Share looks these up by name, not through our config: change-type.get.js and path.js read
     * "type." + prefix_name, aspects.js "aspect." + prefix_name, manage-permissions.js "roles." + the role
     * name in lower case (alfresco-community-share 23.4 / 25.2).
     */
    @Test
    void everyTypeAspectAndRoleHasAShareLabelInEveryLocale() throws IOException {
        Set<String> keys = classAndRoleLabelKeys();
        assertThat(keys).contains("type.mc_case", "aspect.mc_legalHold", "roles.medcaserecordsmanager");
        for (String locale : LOCALES) {
            Properties bundle = bundle(locale);
            assertThat(bundle.stringPropertyNames()).as("medcase-share%s.properties", locale).containsAll(keys);
            keys.forEach(k -> assertThat(bundle.getProperty(k)).as("%s in medcase-share%s", k, locale).isNotBlank());
        }
    }

    Set<String> classAndRoleLabelKeys() {
        Set<String> keys = new TreeSet<>();
        model.classesOfKind(ClassKind.TYPE).forEach(t -> keys.add("type." + t.name().replace(':', '_')));
        model.classesOfKind(ClassKind.ASPECT).forEach(a -> keys.add("aspect." + a.name().replace(':', '_')));
        for (var field : com.medcase.model.MedCaseModel.class.getFields()) {
            if (field.getName().startsWith("ROLE_")) {
                try {
                    keys.add("roles." + ((String) field.get(null)).toLowerCase(java.util.Locale.ROOT));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return keys;
    }

    private String section(String evaluator, String condition) {
        String start = "<config evaluator=\"" + evaluator + "\" condition=\"" + condition + "\">";
        int from = config.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        return config.substring(from, config.indexOf("</config>", from));
    }

    static Set<String> mcNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = MC_NAME.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Properties bundle(String locale) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ShareConfigMatchesModelTest.class.getClassLoader().getResourceAsStream(MESSAGES + locale + ".properties")) {
            assertThat(in).as("bundle %s%s", MESSAGES, locale).isNotNull();
            p.load(in);
        }
        return p;
    }

    static String resource(String path) {
        try (InputStream in = ShareConfigMatchesModelTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
