package com.medcase.share;

import com.medcase.deployment.AlfrescoFacts;

import com.medcase.share.ShareDeploymentCheck.ShareFactsView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The static deployment check of the Share module (issue 14), on our real files and on broken copies.
 * Facts: src/test/resources/alfresco-facts/share.facts (alfresco-community-share 23.4.0.46 and 25.2.0.46).
 */
class ShareDeploymentCheckTest {

    static final AlfrescoFacts RAW = AlfrescoFacts.load("alfresco-facts/share.facts");
    static final ShareFactsView FACTS = ShareFactsView.of(RAW);
    final String config = ShareConfigMatchesModelTest.resource(ShareConfigMatchesModelTest.SHARE_CONFIG);
    final String context = ShareConfigMatchesModelTest.resource(ShareConfigMatchesModelTest.SHARE_CONTEXT);

    @Test
    void factsNameTheirShareVersionAndSources() {
        assertThat(FACTS.version()).isEqualTo("25.2");
        assertThat(RAW.header()).containsKeys("source.alfresco-community-share.25.2.0.46", "source.alfresco-community-share.23.4.0.46");
        assertThat(FACTS.evaluators()).contains("evaluator.doclib.action.hasAspect", "evaluator.doclib.action.nodeType");
    }

    @Test
    void everyEvaluatorAndParentBeanExists() {
        assertThat(ShareDeploymentCheck.evaluators(config, context, FACTS)).isEmpty();
    }

    @Test
    void anUnknownEvaluatorOrParentIsReported() {
        String brokenConfig = config.replace("<evaluator>evaluator.doclib.medcase.isCase</evaluator>",
                "<evaluator>evaluator.doclib.action.isCase</evaluator>");
        assertThat(ShareDeploymentCheck.evaluators(brokenConfig, context, FACTS))
                .isNotEmpty().allSatisfy(p -> assertThat(p).contains("evaluator \"evaluator.doclib.action.isCase\""));
        String brokenContext = context.replace("parent=\"evaluator.doclib.action.nodeType\"", "parent=\"evaluator.doclib.action.isNodeType\"");
        // both node-type evaluators (case folders, records) name that parent: each is reported
        assertThat(ShareDeploymentCheck.evaluators(config, brokenContext, FACTS)).hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("parent \"evaluator.doclib.action.isNodeType\" is not a bean of Share 25.2"));
    }

    @Test
    void everyFormControlTemplateExists() {
        assertThat(config).contains("<control template=");
        assertThat(ShareDeploymentCheck.formControlTemplates(config, FACTS)).isEmpty();
    }

    @Test
    void anUnknownFormControlTemplateIsReported() {
        String broken = config.replace("/org/alfresco/components/form/controls/daterange.ftl", "/org/alfresco/components/form/controls/date-range.ftl");
        assertThat(ShareDeploymentCheck.formControlTemplates(broken, FACTS))
                .isNotEmpty().allSatisfy(p -> assertThat(p).contains("\"/org/alfresco/components/form/controls/date-range.ftl\" does not exist"));
    }

    @Test
    void theStockAspectsStayAddableAndRemovable() {
        assertThat(ShareDeploymentCheck.stockAspectsKept(config, FACTS)).isEmpty();
    }

    @Test
    void theIssue14ListsThatReplacedTheStockOnesAreReported() {
        // Before issue 14: <addable> and <removeable> listed mc:sensitive only.
        String broken = config.replaceAll("(?s)<addable>\\s*<aspect.*?</addable>", "<addable><aspect name=\"mc:sensitive\"/></addable>")
                .replaceAll("(?s)<removeable>\\s*<aspect.*?</removeable>", "<removeable><aspect name=\"mc:sensitive\"/></removeable>");
        assertThat(ShareDeploymentCheck.stockAspectsKept(broken, FACTS)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("<addable>").contains("cm:versionable").contains("could no longer be added"))
                .anySatisfy(p -> assertThat(p).contains("<removeable>").contains("could no longer be removed"));
        assertThat(ShareDeploymentCheck.stockAspectsKept(config.replace("condition=\"DocumentLibrary\">", "condition=\"DocumentLibrary\" replace=\"true\">"), FACTS))
                .singleElement().asString().contains("replace=\"true\"");
    }

    @Test
    void modulePropertiesUseKeysMmtReads() throws IOException {
        Properties module = moduleProperties();
        assertThat(ShareDeploymentCheck.moduleProperties(module, FACTS)).isEmpty();
        assertThat(module.getProperty("module.repo.version.min")).isEqualTo("23.3");
        module.setProperty("module.share.version.min", "7.0");
        assertThat(ShareDeploymentCheck.moduleProperties(module, FACTS))
                .singleElement().asString().contains("\"module.share.version.min\" is not a key alfresco-mmt reads");
    }

    static Properties moduleProperties() throws IOException {
        Properties module = new Properties();
        try (InputStream in = ShareDeploymentCheckTest.class.getClassLoader().getResourceAsStream("module.properties")) {
            module.load(in);
        }
        return module;
    }
}
