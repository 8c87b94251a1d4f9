package com.medcase.model;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of the MedCase model XML, the single source of truth, for everything that renders
 * it elsewhere: the CMIS type generator of the embedded repository and the consistency tests of the
 * Java constants and Share configuration. Plain JDK XML; no Alfresco classes.
 */
public record ModelDefinitions(String name, Map<String, String> namespaces, Map<String, String> imports,
                               Map<String, ConstraintDef> constraints, Map<String, ClassDef> classes) {

    /** Classpath location of the model inside the platform-module jar. */
    public static final String MODEL_RESOURCE = "alfresco/module/platform-module/model/medcaseModel.xml";

    public enum ClassKind { TYPE, ASPECT }

    public record ConstraintDef(String name, String type, List<String> allowedValues, String expression) { }

    public record PropertyDef(String name, String dataType, boolean mandatory, boolean multiple,
                              List<String> constraintRefs) { }

    public record AssociationDef(String name, String targetClass, boolean targetMany) { }

    public record ClassDef(String name, ClassKind kind, String parent, Map<String, PropertyDef> properties,
                           Map<String, AssociationDef> associations, List<String> mandatoryAspects) { }

    public ModelDefinitions {
        namespaces = Map.copyOf(namespaces);
        imports = Map.copyOf(imports);
        constraints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constraints));
        classes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    /** Loads the model shipped in the platform-module jar. */
    public static ModelDefinitions load() {
        try (InputStream in = ModelDefinitions.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Model " + MODEL_RESOURCE + " is not on the classpath; add platform-module as a dependency");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ModelDefinitions parse(InputStream xml) {
        Element root = parseDocument(xml).getDocumentElement();
        Map<String, String> namespaces = prefixMap(root, "namespaces", "namespace");
        Map<String, String> imports = prefixMap(root, "imports", "import");
        Map<String, ConstraintDef> constraints = new LinkedHashMap<>();
        for (Element c : children(child(root, "constraints").orElse(null), "constraint")) {
            ConstraintDef def = constraint(c);
            putUnique(constraints, def.name(), def, "constraint");
        }
        Map<String, ClassDef> classes = new LinkedHashMap<>();
        for (Element t : children(child(root, "types").orElse(null), "type")) {
            ClassDef def = classDef(t, ClassKind.TYPE, constraints);
            putUnique(classes, def.name(), def, "type or aspect");
        }
        for (Element a : children(child(root, "aspects").orElse(null), "aspect")) {
            ClassDef def = classDef(a, ClassKind.ASPECT, constraints);
            putUnique(classes, def.name(), def, "type or aspect");
        }
        return new ModelDefinitions(root.getAttribute("name"), namespaces, imports, constraints, classes);
    }

    /** Every property of every type and aspect, by name. */
    public Map<String, PropertyDef> allProperties() {
        Map<String, PropertyDef> all = new LinkedHashMap<>();
        classes.values().forEach(c -> c.properties().forEach((n, p) -> putUnique(all, n, p, "property")));
        return all;
    }

    /** Every association of every type and aspect, by name. */
    public Map<String, AssociationDef> allAssociations() {
        Map<String, AssociationDef> all = new LinkedHashMap<>();
        classes.values().forEach(c -> c.associations().forEach((n, a) -> putUnique(all, n, a, "association")));
        return all;
    }

    public List<ClassDef> classesOfKind(ClassKind kind) {
        return classes.values().stream().filter(c -> c.kind() == kind).toList();
    }

    private static ClassDef classDef(Element e, ClassKind kind, Map<String, ConstraintDef> constraints) {
        String name = e.getAttribute("name");
        Map<String, PropertyDef> props = new LinkedHashMap<>();
        for (Element p : children(child(e, "properties").orElse(null), "property")) {
            List<String> refs = new ArrayList<>();
            for (Element c : children(child(p, "constraints").orElse(null), "constraint")) {
                if (c.hasAttribute("ref")) {
                    refs.add(c.getAttribute("ref"));
                } else {
                    ConstraintDef inline = constraint(c);
                    refs.add(inline.name());
                }
            }
            PropertyDef def = new PropertyDef(p.getAttribute("name"), text(p, "type").orElseThrow(
                    () -> new IllegalArgumentException("Property " + p.getAttribute("name") + " has no <type>")),
                    bool(p, "mandatory"), bool(p, "multiple"), List.copyOf(refs));
            putUnique(props, def.name(), def, "property in " + name);
        }
        Map<String, AssociationDef> assocs = new LinkedHashMap<>();
        for (Element a : children(child(e, "associations").orElse(null), "association")) {
            Element target = child(a, "target").orElseThrow(
                    () -> new IllegalArgumentException("Association " + a.getAttribute("name") + " has no <target>"));
            AssociationDef def = new AssociationDef(a.getAttribute("name"), text(target, "class").orElse(""), bool(target, "many"));
            putUnique(assocs, def.name(), def, "association in " + name);
        }
        List<String> mandatoryAspects = new ArrayList<>();
        for (Element m : children(child(e, "mandatory-aspects").orElse(null), "aspect")) {
            mandatoryAspects.add(m.getTextContent().trim());
        }
        return new ClassDef(name, kind, text(e, "parent").orElse(null), props, assocs, List.copyOf(mandatoryAspects));
    }

    private static ConstraintDef constraint(Element c) {
        List<String> values = new ArrayList<>();
        String expression = null;
        for (Element param : children(c, "parameter")) {
            if ("allowedValues".equals(param.getAttribute("name"))) {
                child(param, "list").ifPresent(list -> children(list, "value").forEach(v -> values.add(v.getTextContent().trim())));
            } else if ("expression".equals(param.getAttribute("name"))) {
                expression = text(param, "value").orElse(null);
            }
        }
        return new ConstraintDef(c.getAttribute("name"), c.getAttribute("type"), List.copyOf(values), expression);
    }

    private static Map<String, String> prefixMap(Element root, String container, String element) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Element e : children(child(root, container).orElse(null), element)) {
            map.put(e.getAttribute("prefix"), e.getAttribute("uri"));
        }
        return map;
    }

    private static <V> void putUnique(Map<String, V> map, String key, V value, String what) {
        if (map.putIfAbsent(key, value) != null) {
            throw new IllegalArgumentException("Duplicate " + what + " '" + key + "' in the MedCase model");
        }
    }

    private static Document parseDocument(InputStream xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // The model is our own file, but an XML parser should never fetch or expand external entities.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(xml);
        } catch (Exception e) {
            throw new IllegalArgumentException("The MedCase model XML cannot be parsed: " + e.getMessage(), e);
        }
    }

    private static Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<Element> children(Element parent, String name) {
        if (parent == null) {
            return List.of();
        }
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element el && name.equals(el.getTagName())) {
                out.add(el);
            }
        }
        return out;
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim());
    }

    private static boolean bool(Element parent, String name) {
        return text(parent, name).map(Boolean::parseBoolean).orElse(false);
    }
}
