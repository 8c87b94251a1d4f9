package com.medcase.share;

import com.medcase.deployment.AlfrescoFacts;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The static deployment check of the Share module: every evaluator, parent bean and form-control
 * template our configuration names exists in Share (or is ours), the stock aspects stay addable and
 * removable, and module.properties uses keys alfresco-mmt reads. Each method returns the problems it
 * finds, so a test can show both that our files pass and that a broken copy fails.
 */
final class ShareDeploymentCheck {

    private ShareDeploymentCheck() {
    }

    /** Evaluators named in share-config-custom.xml, and parents of our beans, exist in Share or are ours. */
    static List<String> evaluators(String shareConfig, String shareContext, ShareFactsView facts) {
        Document context = parse(shareContext, "share context");
        Set<String> ours = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        NodeList beans = context.getElementsByTagName("bean");
        for (int i = 0; i < beans.getLength(); i++) {
            ours.add(((Element) beans.item(i)).getAttribute("id"));
        }
        for (int i = 0; i < beans.getLength(); i++) {
            Element bean = (Element) beans.item(i);
            String parent = bean.getAttribute("parent");
            if (!parent.isEmpty() && !facts.evaluators().contains(parent) && !ours.contains(parent)) {
                problems.add("bean " + bean.getAttribute("id") + ": parent \"" + parent + "\" is not a bean of Share " + facts.version());
            }
        }
        NodeList evaluators = parse(shareConfig, "share-config-custom.xml").getElementsByTagName("evaluator");
        for (int i = 0; i < evaluators.getLength(); i++) {
            String id = evaluators.item(i).getTextContent().strip();
            if (!facts.evaluators().contains(id) && !ours.contains(id)) {
                problems.add("share-config-custom.xml names evaluator \"" + id + "\", which neither Share " + facts.version() + " nor our context defines");
            }
        }
        return problems;
    }

    /** Every form control template named exists in Share (web-framework-commons or share). */
    static List<String> formControlTemplates(String shareConfig, ShareFactsView facts) {
        List<String> problems = new ArrayList<>();
        NodeList controls = parse(shareConfig, "share-config-custom.xml").getElementsByTagName("control");
        for (int i = 0; i < controls.getLength(); i++) {
            String template = ((Element) controls.item(i)).getAttribute("template");
            if (!template.isEmpty() && !facts.templates().contains(template)) {
                problems.add("form control template \"" + template + "\" does not exist in Share " + facts.version());
            }
        }
        return problems;
    }

    /**
     * Share treats an empty addable/removeable list as "same as visible" and joins the lists of all
     * DocumentLibrary configs: once we list anything, the stock visible aspects must be listed too.
     */
    static List<String> stockAspectsKept(String shareConfig, ShareFactsView facts) {
        List<String> problems = new ArrayList<>();
        Document config = parse(shareConfig, "share-config-custom.xml");
        NodeList configs = config.getElementsByTagName("config");
        for (int i = 0; i < configs.getLength(); i++) {
            Element c = (Element) configs.item(i);
            if (!"DocumentLibrary".equals(c.getAttribute("condition"))) {
                continue;
            }
            if ("true".equals(c.getAttribute("replace"))) {
                problems.add("the DocumentLibrary config has replace=\"true\": it would drop all of Share's own DocumentLibrary settings");
            }
            for (String list : List.of("addable", "removeable")) {
                NodeList lists = c.getElementsByTagName(list);
                for (int j = 0; j < lists.getLength(); j++) {
                    Set<String> named = new LinkedHashSet<>();
                    NodeList aspects = ((Element) lists.item(j)).getElementsByTagName("aspect");
                    for (int k = 0; k < aspects.getLength(); k++) {
                        named.add(((Element) aspects.item(k)).getAttribute("name"));
                    }
                    if (!named.isEmpty()) {
                        Set<String> missing = new LinkedHashSet<>(facts.stockVisibleAspects());
                        missing.removeAll(named);
                        if (!missing.isEmpty()) {
                            problems.add("<" + list + "> is not empty, so it replaces Share's default (= visible): stock aspects "
                                    + missing + " could no longer be " + (list.equals("addable") ? "added" : "removed"));
                        }
                    }
                }
            }
        }
        return problems;
    }

    /** Only keys alfresco-mmt reads for a Share AMP (module.repo.version.min is checked against share.war). */
    static List<String> moduleProperties(Properties module, ShareFactsView facts) {
        List<String> problems = new ArrayList<>();
        for (String key : module.stringPropertyNames()) {
            boolean dependency = key.startsWith("module.depends.") && key.length() > "module.depends.".length();
            if (!facts.moduleKeys().contains(key) && !dependency) {
                problems.add("module.properties: \"" + key + "\" is not a key alfresco-mmt reads (ModuleDetails)");
            }
        }
        return problems;
    }

    /** The parts of share.facts the checks use. */
    record ShareFactsView(String version, Set<String> evaluators, Set<String> templates, Set<String> stockVisibleAspects,
                          Set<String> moduleKeys) {
        static ShareFactsView of(AlfrescoFacts facts) {
            return new ShareFactsView(facts.header().get("share.version"), facts.section("evaluator-beans"),
                    facts.section("form-control-templates"), facts.section("stock-visible-aspects"), facts.section("module-properties"));
        }
    }

    private static Document parse(String xml, String name) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalArgumentException(name + " cannot be parsed: " + e.getMessage(), e);
        }
    }
}
