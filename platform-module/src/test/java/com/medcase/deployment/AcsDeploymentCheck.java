package com.medcase.deployment;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static deployment check of the platform module and the compose stack: what ACS would refuse at
 * start-up, found at build time. Each method returns the problems it finds (empty = deployable), so a
 * test can show both that our files pass and that a broken copy fails.
 */
final class AcsDeploymentCheck {

    private AcsDeploymentCheck() {
    }

    /** Every parent= names an abstract ACS bean (or one of ours); every depends-on= a concrete ACS bootstrap bean (or one of ours). */
    static List<String> springReferences(Map<String, String> contextXmlByName, AlfrescoFacts facts) {
        Set<String> ours = new HashSet<>();
        List<Element> beans = new ArrayList<>();
        contextXmlByName.forEach((name, xml) -> {
            NodeList list = parse(xml, name).getElementsByTagName("bean");
            for (int i = 0; i < list.getLength(); i++) {
                Element bean = (Element) list.item(i);
                bean.setUserData("file", name, null);
                beans.add(bean);
                if (bean.hasAttribute("id")) {
                    ours.add(bean.getAttribute("id"));
                }
            }
        });
        List<String> problems = new ArrayList<>();
        Set<String> parents = facts.section("abstract-beans");
        Set<String> bootstraps = facts.section("bootstrap-beans");
        for (Element bean : beans) {
            String where = bean.getUserData("file") + " bean " + bean.getAttribute("id");
            String parent = bean.getAttribute("parent");
            if (!parent.isEmpty() && !parents.contains(parent) && !ours.contains(parent)) {
                problems.add(where + ": parent \"" + parent + "\" is not an abstract bean of ACS " + facts.header().get("acs.version")
                        + " (see alfresco-facts/acs-repository.facts)");
            }
            for (String dependency : bean.getAttribute("depends-on").split("[,; ]+")) {
                if (!dependency.isEmpty() && !bootstraps.contains(dependency) && !ours.contains(dependency)) {
                    problems.add(where + ": depends-on \"" + dependency + "\" is not a bootstrap bean of ACS " + facts.header().get("acs.version"));
                }
            }
        }
        return problems;
    }

    /** Only keys ACS/alfresco-mmt read (a misspelt key is silently ignored, e.g. module.share.version.min). */
    static List<String> moduleProperties(Properties module, AlfrescoFacts facts) {
        Set<String> known = facts.section("module-properties");
        List<String> problems = new ArrayList<>();
        for (String key : module.stringPropertyNames()) {
            boolean dependency = key.startsWith("module.depends.") && key.length() > "module.depends.".length();
            if (!known.contains(key) && !dependency) {
                problems.add("module.properties: \"" + key + "\" is not a key ACS reads (ModuleDetails); known: " + known);
            }
        }
        for (String required : List.of("module.id", "module.version", "module.title", "module.description")) {
            if (module.getProperty(required, "").isBlank()) {
                problems.add("module.properties: " + required + " is required by ModuleDetailsImpl");
            }
        }
        return problems;
    }

    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)[^}]*}");
    private static final String SHELL_METACHARACTERS = "()|&;<>`$";

    /**
     * catalina.sh runs {@code eval exec ... "$JAVA_OPTS" ...}: the shell parses JAVA_OPTS a second time.
     * Outside quotes, ( ) | & ; < > ` $ break or change that command; inside double quotes, $ and `
     * still expand. A compose ${VAR} may hold any character after interpolation, so it must be inside
     * single quotes.
     */
    static List<String> javaOptsSurviveEval(String service, String javaOpts) {
        List<String> problems = new ArrayList<>();
        char quote = 0;
        for (int i = 0; i < javaOpts.length(); i++) {
            char c = javaOpts.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                }
                continue;
            }
            if (c == '\\' && quote == 0) {
                i++;
                continue;
            }
            if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '$' || c == '`' || c == '\\') {
                    problems.add(problem(service, javaOpts, i, "'" + c + "' inside double quotes is still expanded by catalina.sh's eval; use single quotes"));
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (SHELL_METACHARACTERS.indexOf(c) >= 0) {
                problems.add(problem(service, javaOpts, i, "unquoted '" + c + "' is a shell metacharacter for catalina.sh's eval"));
            }
        }
        if (quote != 0) {
            problems.add(service + " JAVA_OPTS: unterminated " + quote + " quote");
        }
        return problems;
    }

    /** The metadata keystore options every acs-deployment compose passes, with passwords from the environment. */
    static List<String> keystoreOptions(String service, String javaToolOptions, String javaOpts, AlfrescoFacts facts) {
        String all = (javaToolOptions == null ? "" : javaToolOptions) + " " + (javaOpts == null ? "" : javaOpts);
        List<String> problems = new ArrayList<>();
        for (String option : facts.section("compose-keystore-options")) {
            Matcher m = Pattern.compile("-D" + Pattern.quote(option) + "=((?:'[^']*'|\\$\\{[^}]*}|\\S)*)").matcher(all);
            if (!m.find()) {
                problems.add(service + ": -D" + option + " is missing (acs-deployment passes it; ACS needs the metadata keystore)");
            } else if (option.endsWith("password") && !COMPOSE_VARIABLE.matcher(m.group(1)).find()) {
                problems.add(service + ": -D" + option + " must come from the environment (${...}), not be written in the compose file");
            }
        }
        return problems;
    }

    private static final Pattern SECRET_NAME = Pattern.compile("(?i)password|secret");
    /** -Dname=value, where value runs to the next unquoted blank and a ${...} counts as one piece. */
    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D([^=\\s]+)=((?:'[^']*'|\"[^\"]*\"|\\$\\{[^}]*}|[^\\s'\"])*)");

    /** Every variable or -D property named like a password or secret takes its value from the environment. */
    static List<String> secretsFromEnvironment(String service, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        environment.forEach((name, value) -> {
            String text = value == null ? "" : value;
            if (SECRET_NAME.matcher(name).find() && !COMPOSE_VARIABLE.matcher(text).find()) {
                problems.add(service + ": " + name + " holds a literal secret; take it from docker/.env with ${...}");
            }
            Matcher p = SYSTEM_PROPERTY.matcher(text);
            while (p.find()) {
                if (SECRET_NAME.matcher(p.group(1)).find() && !COMPOSE_VARIABLE.matcher(p.group(2)).find()) {
                    problems.add(service + ": -D" + p.group(1) + " holds a literal secret; take it from docker/.env with ${...}");
                }
            }
        });
        return problems;
    }

    /** The whole compose check: every service's JAVA_OPTS, the keystore options on ACS, secrets everywhere. */
    static List<String> compose(String composeYaml, String acsService, AlfrescoFacts facts) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(composeYaml);
        Map<String, Object> services = map(root.get("services"));
        List<String> problems = new ArrayList<>();
        if (!services.containsKey(acsService)) {
            return List.of("compose: no service \"" + acsService + "\"");
        }
        services.forEach((name, definition) -> {
            Map<String, String> environment = environment(map(definition).get("environment"));
            if (environment.containsKey("JAVA_OPTS")) {
                problems.addAll(javaOptsSurviveEval(name, environment.get("JAVA_OPTS")));
            }
            problems.addAll(secretsFromEnvironment(name, environment));
        });
        Map<String, String> acs = environment(map(services.get(acsService)).get("environment"));
        problems.addAll(keystoreOptions(acsService, acs.get("JAVA_TOOL_OPTIONS"), acs.get("JAVA_OPTS"), facts));
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, String> environment(Object o) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (o instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return env;
    }

    private static String problem(String service, String text, int at, String what) {
        int from = Math.max(0, at - 30);
        int to = Math.min(text.length(), at + 30);
        return service + " JAVA_OPTS: " + what + " at \"..." + text.substring(from, to) + "...\"";
    }

    private static org.w3c.dom.Document parse(String xml, String name) {
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
