package com.medcase.alfresco.embedded;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ACS's permission model reduced to what the REST API evaluates: the low-level permissions of permissionDefinitions.xml
 * (sys:base) as bits, ACS's roles (Consumer, Editor, Contributor, Collaborator, Coordinator) and the permission groups of
 * sys:base as bit sets, plus MedCase's roles parsed from medcasePermissionDefinitions.xml.
 */
final class PermissionModel {
    static final int READ_PROPERTIES = 1, READ_CHILDREN = 1 << 1, READ_CONTENT = 1 << 2, WRITE_PROPERTIES = 1 << 3,
            WRITE_CONTENT = 1 << 4, DELETE_NODE = 1 << 5, DELETE_CHILDREN = 1 << 6, CREATE_CHILDREN = 1 << 7,
            LINK_CHILDREN = 1 << 8, READ_ASSOCIATIONS = 1 << 9, CREATE_ASSOCIATIONS = 1 << 10, DELETE_ASSOCIATIONS = 1 << 11,
            READ_PERMISSIONS = 1 << 12, CHANGE_PERMISSIONS = 1 << 13, EXECUTE_CONTENT = 1 << 14, LOCK = 1 << 15;
    static final int ALL = (1 << 16) - 1;

    static final String MEDCASE_RESOURCE = "alfresco/module/platform-module/model/medcasePermissionDefinitions.xml";

    /** name -> granted low-level bits */
    private final Map<String, Integer> groups = new LinkedHashMap<>();
    /** roles exposed as settable (NodesImpl include=permissions 'settable'), by type they are declared on */
    private final Map<String, Set<String>> settableByType = new LinkedHashMap<>();

    PermissionModel() {
        int read = READ_PROPERTIES | READ_CHILDREN | READ_CONTENT;
        int write = WRITE_PROPERTIES | WRITE_CONTENT;
        int delete = DELETE_NODE | DELETE_CHILDREN;
        int addChildren = CREATE_CHILDREN | LINK_CHILDREN;
        // sys:base permission groups
        put("ReadProperties", READ_PROPERTIES);
        put("ReadChildren", READ_CHILDREN);
        put("ReadContent", READ_CONTENT);
        put("WriteProperties", WRITE_PROPERTIES);
        put("WriteContent", WRITE_CONTENT);
        put("ExecuteContent", EXECUTE_CONTENT);
        put("DeleteNode", DELETE_NODE);
        put("DeleteChildren", DELETE_CHILDREN);
        put("CreateChildren", CREATE_CHILDREN);
        put("LinkChildren", LINK_CHILDREN);
        put("ReadAssociations", READ_ASSOCIATIONS);
        put("CreateAssociations", CREATE_ASSOCIATIONS);
        put("DeleteAssociations", DELETE_ASSOCIATIONS);
        put("ReadPermissions", READ_PERMISSIONS);
        put("ChangePermissions", CHANGE_PERMISSIONS);
        put("Read", read);
        put("Write", write);
        put("Delete", delete);
        put("AddChildren", addChildren);
        put("Execute", EXECUTE_CONTENT);
        put("FullControl", ALL);
        put("All", ALL);
        // cm:cmobject roles
        int consumer = read;
        int editor = consumer | write | READ_PERMISSIONS | LOCK;
        int contributor = consumer | addChildren | READ_PERMISSIONS;
        put("Consumer", consumer);
        put("Editor", editor);
        put("Contributor", contributor);
        put("Collaborator", editor | contributor);
        put("Coordinator", ALL); // allowFullControl="true"
        put("Administrator", ALL);
        put("RecordAdministrator", READ_PROPERTIES | READ_CHILDREN | WRITE_PROPERTIES | READ_CONTENT | DELETE_CHILDREN
                | CREATE_CHILDREN | LINK_CHILDREN | DELETE_ASSOCIATIONS | CREATE_ASSOCIATIONS);
        for (String t : List.of(Dictionary.CM_CMOBJECT, Dictionary.CM_CONTENT, Dictionary.CM_FOLDER)) {
            settableByType.put(t, new LinkedHashSet<>(List.of("Contributor", "Collaborator", "Coordinator", "Editor", "Consumer")));
        }
        try (InputStream in = PermissionModel.class.getClassLoader().getResourceAsStream(MEDCASE_RESOURCE)) {
            if (in != null) {
                parseMedCase(in);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void put(String name, int bits) {
        groups.put(name, bits);
    }

    /**
     * Parses MedCase's roles by name: the includes of every declaration of a role (over all permissionSets) are
     * united; declarations with extends="true" and no includes add nothing and do not fail. Includes may reference a
     * role declared later, so resolution iterates to a fixed point.
     */
    void parseMedCase(InputStream xml) {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            root = f.newDocumentBuilder().parse(xml).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot parse " + MEDCASE_RESOURCE + ": " + e.getMessage(), e);
        }
        Map<String, Set<String>> includes = new LinkedHashMap<>();
        NodeList sets = root.getElementsByTagName("permissionSet");
        for (int i = 0; i < sets.getLength(); i++) {
            Element set = (Element) sets.item(i);
            String type = set.getAttribute("type");
            NodeList pgs = set.getElementsByTagName("permissionGroup");
            for (int j = 0; j < pgs.getLength(); j++) {
                Element pg = (Element) pgs.item(j);
                String name = pg.getAttribute("name");
                Set<String> inc = includes.computeIfAbsent(name, k -> new LinkedHashSet<>());
                if ("true".equals(pg.getAttribute("allowFullControl"))) {
                    inc.add("FullControl");
                }
                NodeList ins = pg.getElementsByTagName("includePermissionGroup");
                for (int k = 0; k < ins.getLength(); k++) {
                    inc.add(((Element) ins.item(k)).getAttribute("permissionGroup"));
                }
                if (!"false".equals(pg.getAttribute("expose"))) {
                    settableByType.computeIfAbsent(type, k -> new LinkedHashSet<>()).add(name);
                }
            }
        }
        Map<String, Integer> resolved = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var e : includes.entrySet()) {
                int bits = groups.containsKey(e.getKey()) && !resolved.containsKey(e.getKey()) ? groups.get(e.getKey()) : resolved.getOrDefault(e.getKey(), 0);
                for (String inc : e.getValue()) {
                    Integer b = resolved.containsKey(inc) ? resolved.get(inc) : groups.get(inc);
                    if (b != null) {
                        bits |= b;
                    }
                }
                if (!Integer.valueOf(bits).equals(resolved.get(e.getKey()))) {
                    resolved.put(e.getKey(), bits);
                    changed = true;
                }
            }
        }
        resolved.forEach((name, bits) -> groups.merge(name, bits, (a, b) -> a | b));
    }

    /** Low-level bits a permission name grants; null for a name the model does not know. */
    Integer bits(String permission) {
        return groups.get(permission);
    }

    boolean isKnown(String permission) {
        return groups.containsKey(permission);
    }

    /** Settable roles for a node type (the roles exposed on it and its ancestors). */
    List<String> settable(String type, Dictionary dictionary) {
        Set<String> out = new LinkedHashSet<>();
        settableByType.forEach((t, roles) -> {
            if (dictionary.isSubClass(type, t)) {
                out.addAll(roles);
            }
        });
        return new ArrayList<>(out);
    }
}
