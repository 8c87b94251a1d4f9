package com.medcase.alfresco.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medcase.model.ModelDefinitions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data dictionary: the cm: subset the REST API needs, rma:frozen, and the MedCase model read from the
 * platform-module jar (ModelDefinitions). Converts request property values the way ACS's type converter does and
 * keeps them in the JSON form ACS returns.
 */
final class Dictionary {
    static final String CM_CMOBJECT = "cm:cmobject";
    static final String CM_FOLDER = "cm:folder";
    static final String CM_CONTENT = "cm:content";
    static final String ASPECT_VERSIONABLE = "cm:versionable";
    static final String ASPECT_TITLED = "cm:titled";
    static final String ASPECT_AUDITABLE = "cm:auditable";
    static final String ASPECT_FROZEN = "rma:frozen";
    static final String PROP_FROZEN_AT = "rma:frozenAt";
    static final String PROP_FROZEN_BY = "rma:frozenBy";
    static final String PROP_VERSION_LABEL = "cm:versionLabel";
    static final String PROP_VERSION_TYPE = "cm:versionType";
    static final String PROP_INITIAL_VERSION = "cm:initialVersion";
    static final String PROP_AUTO_VERSION = "cm:autoVersion";

    /** cm:filename constraint of contentModel.xml (requiresMatch=false: a match is a violation). */
    static final Pattern FILENAME_INVALID = Pattern.compile("(.*[\\\"\\*\\\\\\>\\<\\?\\/\\:\\|]+.*)|(.*[\\.]?.*[\\.]+$)|(.*[ ]+$)", Pattern.DOTALL);

    record Prop(String name, String dataType, boolean mandatory, boolean multiple, String owner) { }

    record ClassDef(String name, boolean aspect, String parent, Map<String, Prop> props, List<String> mandatoryAspects) { }

    /** Properties ACS does not return in a node's properties (NodesImpl.EXCLUDED_PROPS) or that the API owns. */
    static final Set<String> EXCLUDED_PROPS = Set.of("cm:name", "cm:modifier", "cm:modified", "cm:creator", "cm:created", "cm:content",
            "cm:initialVersion", "cm:autoVersionOnUpdateProps", "cm:autoVersion");

    private final Map<String, ClassDef> classes = new LinkedHashMap<>();
    private final Map<String, Prop> props = new HashMap<>();
    private final Set<String> prefixes = new LinkedHashSet<>();

    Dictionary(ModelDefinitions model) {
        prefixes.addAll(List.of("cm", "sys", "rma", "d"));
        type("sys:base", null, List.of());
        type(CM_CMOBJECT, "sys:base", List.of(), p("cm:name", "d:text", true, false));
        type(CM_FOLDER, CM_CMOBJECT, List.of());
        type(CM_CONTENT, CM_CMOBJECT, List.of(), p("cm:content", "d:content", false, false));
        aspect(ASPECT_TITLED, p("cm:title", "d:mltext", false, false), p("cm:description", "d:mltext", false, false));
        aspect(ASPECT_AUDITABLE, p("cm:created", "d:datetime", false, false), p("cm:creator", "d:text", false, false),
                p("cm:modified", "d:datetime", false, false), p("cm:modifier", "d:text", false, false), p("cm:accessed", "d:datetime", false, false));
        aspect("cm:author", p("cm:author", "d:text", false, false));
        aspect("cm:ownable", p("cm:owner", "d:text", false, false));
        aspect(ASPECT_VERSIONABLE, p(PROP_VERSION_LABEL, "d:text", false, false), p(PROP_VERSION_TYPE, "d:text", false, false),
                p(PROP_INITIAL_VERSION, "d:boolean", false, false), p(PROP_AUTO_VERSION, "d:boolean", false, false),
                p("cm:autoVersionOnUpdateProps", "d:boolean", false, false));
        aspect("cm:generalclassifiable", p("cm:categories", "d:noderef", false, true));
        aspect("cm:taggable", p("cm:taggable", "d:noderef", false, true));
        aspect(ASPECT_FROZEN, p(PROP_FROZEN_AT, "d:date", false, false), p(PROP_FROZEN_BY, "d:text", false, false));
        aspect("sys:referenceable", p("sys:node-uuid", "d:text", false, false), p("sys:store-identifier", "d:text", false, false),
                p("sys:store-protocol", "d:text", false, false), p("sys:node-dbid", "d:long", false, false));
        aspect("sys:localized", p("sys:locale", "d:locale", false, false));
        aspect("sys:hidden");
        aspect("sys:temporary");
        prefixes.addAll(model.namespaces().keySet());
        for (ModelDefinitions.ClassDef c : model.classes().values()) {
            Map<String, Prop> ps = new LinkedHashMap<>();
            for (ModelDefinitions.PropertyDef pd : c.properties().values()) {
                ps.put(pd.name(), new Prop(pd.name(), pd.dataType(), pd.mandatory(), pd.multiple(), c.name()));
            }
            ClassDef def = new ClassDef(c.name(), c.kind() == ModelDefinitions.ClassKind.ASPECT, c.parent(), ps, c.mandatoryAspects());
            classes.put(def.name(), def);
            ps.values().forEach(p -> props.put(p.name(), p));
        }
    }

    private static Prop p(String name, String type, boolean mandatory, boolean multiple) {
        return new Prop(name, type, mandatory, multiple, null);
    }

    private void type(String name, String parent, List<String> mandatoryAspects, Prop... ps) {
        define(name, false, parent, mandatoryAspects, ps);
    }

    private void aspect(String name, Prop... ps) {
        define(name, true, null, List.of(), ps);
    }

    private void define(String name, boolean aspect, String parent, List<String> mandatoryAspects, Prop... ps) {
        Map<String, Prop> m = new LinkedHashMap<>();
        for (Prop p : ps) {
            Prop owned = new Prop(p.name(), p.dataType(), p.mandatory(), p.multiple(), name);
            m.put(p.name(), owned);
            props.put(p.name(), owned);
        }
        classes.put(name, new ClassDef(name, aspect, parent, m, mandatoryAspects));
    }

    /** Normalises a QName string: "{uri}local" is not supported, "prefix:local" is. Unknown prefix -> 400 (NamespaceException). */
    private void checkPrefix(String qname) {
        int i = qname.indexOf(':');
        if (i <= 0 || !prefixes.contains(qname.substring(0, i))) {
            throw ApiException.badRequest("Namespace prefix " + (i > 0 ? qname.substring(0, i) : qname) + " is not mapped to a namespace URI");
        }
    }

    ClassDef type(String name) {
        checkPrefix(name);
        ClassDef c = classes.get(name);
        if (c == null || c.aspect()) {
            return null;
        }
        return c;
    }

    ClassDef aspect(String name) {
        checkPrefix(name);
        ClassDef c = classes.get(name);
        return c != null && c.aspect() ? c : null;
    }

    boolean isSubClass(String type, String of) {
        String t = type;
        while (t != null) {
            if (t.equals(of)) {
                return true;
            }
            ClassDef c = classes.get(t);
            t = c == null ? null : c.parent();
        }
        return false;
    }

    Prop property(String name) {
        checkPrefix(name);
        return props.get(name);
    }

    /** Mandatory aspects of a type and its ancestors. */
    List<String> mandatoryAspects(String type) {
        List<String> out = new ArrayList<>();
        String t = type;
        while (t != null) {
            ClassDef c = classes.get(t);
            if (c == null) {
                break;
            }
            out.addAll(c.mandatoryAspects());
            t = c.parent();
        }
        return out;
    }

    /** The class (type or aspect) that declares a property; null if unknown. */
    String ownerOf(String prop) {
        Prop p = props.get(prop);
        return p == null ? null : p.owner();
    }

    static boolean isSystem(String qname) {
        return qname.startsWith("sys:");
    }

    /** Converts a request value to the stored (and returned) JSON form as ACS's DefaultTypeConverter would; null stays null. */
    JsonNode convert(Prop p, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (p.multiple()) {
            ArrayNode arr = JsonNodeFactory.instance.arrayNode();
            if (value.isArray()) {
                value.forEach(v -> arr.add(convertSingle(p, v)));
            } else {
                arr.add(convertSingle(p, value));
            }
            return arr;
        }
        if (value.isArray()) {
            if (value.size() == 1) {
                return convertSingle(p, value.get(0));
            }
            throw ApiException.badRequest("Property " + p.name() + " is single-valued");
        }
        return convertSingle(p, value);
    }

    private JsonNode convertSingle(Prop p, JsonNode v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v.isObject() || v.isArray()) {
            throw ApiException.badRequest("Unsupported value for property " + p.name());
        }
        String s = v.asText();
        try {
            return switch (p.dataType()) {
                case "d:int" -> f.numberNode(v.isNumber() ? v.intValue() : Integer.parseInt(s.trim()));
                case "d:long" -> f.numberNode(v.isNumber() ? v.longValue() : Long.parseLong(s.trim()));
                case "d:float" -> f.numberNode(v.isNumber() ? v.floatValue() : Float.parseFloat(s.trim()));
                case "d:double" -> f.numberNode(v.isNumber() ? v.doubleValue() : Double.parseDouble(s.trim()));
                case "d:boolean" -> f.booleanNode(v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(s.trim()));
                case "d:date", "d:datetime" -> f.textNode(Dates.format(v.isNumber() ? v.longValue() : Dates.parse(s)));
                default -> f.textNode(v.isNumber() ? new BigDecimal(v.asText()).toPlainString() : s);
            };
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Failed to convert value of property " + p.name() + " to " + p.dataType());
        }
    }

    /** Properties a type carries (type and ancestors). */
    Set<String> typeProperties(String type) {
        Set<String> out = new LinkedHashSet<>();
        String t = type;
        while (t != null) {
            ClassDef c = classes.get(t);
            if (c == null) {
                break;
            }
            out.addAll(c.props().keySet());
            t = c.parent();
        }
        return out;
    }

    Set<String> aspectProperties(String aspect) {
        ClassDef c = classes.get(aspect);
        return c == null ? Set.of() : c.props().keySet();
    }

    /** Converts a map of request properties, validating names (unknown -> 400, sys: -> 400 as NodesImpl.validateProperties). */
    Map<String, JsonNode> convertProperties(JsonNode properties, boolean allowRma) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (properties == null || properties.isNull()) {
            return out;
        }
        if (!properties.isObject()) {
            throw ApiException.badRequest("properties must be an object");
        }
        var it = properties.fields();
        while (it.hasNext()) {
            var e = it.next();
            String name = e.getKey();
            Prop p = property(name);
            if (p == null) {
                throw ApiException.badRequest("Unknown property: " + name);
            }
            if (isSystem(name)) {
                throw ApiException.badRequest("NameSpace cannot be used by API: " + name);
            }
            if (Set.of("cm:modifier", "cm:modified", "cm:creator", "cm:created", "cm:accessed").contains(name)) {
                throw ApiException.badRequest("Cannot be used by API: " + name);
            }
            if (!allowRma && name.startsWith("rma:")) {
                throw ApiException.badRequest("Cannot be used by API: " + name);
            }
            if (name.equals("cm:content")) {
                throw ApiException.badRequest("Cannot be used by API: " + name);
            }
            out.put(name, convert(p, e.getValue()));
        }
        return out;
    }

    static Set<String> stringSet(Collection<String> c) {
        return new LinkedHashSet<>(c);
    }

    /** Renders stored properties for output: excluded props and sys: never shown (NodesImpl.mapFromNodeProperties). */
    static ObjectNode outputProperties(ObjectNode stored) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        stored.fields().forEachRemaining(e -> {
            if (!EXCLUDED_PROPS.contains(e.getKey()) && !isSystem(e.getKey()) && !e.getValue().isNull()) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }
}
