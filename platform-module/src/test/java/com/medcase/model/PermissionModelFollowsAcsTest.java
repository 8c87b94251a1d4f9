package com.medcase.model;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MedCase roles resolve in ACS as they must. Follows alfresco-community-repo's
 * {@code org.alfresco.repo.security.permissions.impl.model.PermissionModel} (23.4 / 25.2):
 * <ul>
 *   <li>{@code buildUniquePermissionMap}: a role name is usable by its short name only if every
 *       declaration of it resolves (through {@code extends}) to the same base group; two definitions
 *       without {@code extends} drop it from the map and leave only the long id "mc:case.Role".</li>
 *   <li>{@code getBasePermissionGroupOrNullImpl}: {@code extends="true" type="T"} resolves to T's group.</li>
 *   <li>{@code PermissionServiceImpl.NodeTest}: an ACE grants a required permission when its permission is
 *       among {@code getGrantingPermissions(required)}, which follows includes without looking at node
 *       types: a role defined on mc:case grants the same rights wherever it is granted.</li>
 *   <li>{@code mergePermissions}: a type's set offers (as settable) its exposed groups that require the
 *       type, and the base groups of its exposed {@code extends} groups; a {@code requiresType="false"}
 *       group would not be offered on its own type.</li>
 *   <li>{@code addTypePermissions}: with {@code expose="selected"} the settable roles stop at our set
 *       (ACS's Consumer ... Coordinator disappear from Share); {@code expose="all"} walks up to the parent type.</li>
 * </ul>
 */
class PermissionModelFollowsAcsTest {

    static final String PERMISSIONS = "alfresco/module/platform-module/model/medcasePermissionDefinitions.xml";
    static final List<String> ROLES = List.of(MedCaseModel.ROLE_RECORDS_MANAGER, MedCaseModel.ROLE_RECORDS_CLERK,
            MedCaseModel.ROLE_LEGAL_HOLD_ADMINISTRATOR, MedCaseModel.ROLE_OUTSIDE_PARTY_READER);

    record Declaration(String set, String expose, String name, boolean extendz, String type, boolean requiresType, int includes) { }

    @Test
    void everyRoleIsUsableByItsShortName() throws Exception {
        assertThat(shortNamesResolvable(declarations(resource()))).containsAll(ROLES);
    }

    @Test
    void theIssue14ModelLosesTheShortNames() throws Exception {
        // The shape before issue 14: every role defined again, without extends, on mc:medicalRecord.
        String duplicated = resource().replaceAll("<permissionGroup name=\"(\\w+)\" extends=\"true\" type=\"mc:case\" expose=\"true\"/>",
                "<permissionGroup name=\"$1\" allowFullControl=\"false\" expose=\"true\"><includePermissionGroup permissionGroup=\"Consumer\" type=\"cm:cmobject\"/></permissionGroup>");
        assertThat(duplicated).isNotEqualTo(resource());
        assertThat(shortNamesResolvable(declarations(duplicated))).doesNotContainAnyElementsOf(ROLES);
    }

    @Test
    void eachRoleIsDefinedOnceWithItsIncludesAndReferencedElsewhere() throws Exception {
        List<Declaration> all = declarations(resource());
        for (String role : ROLES) {
            List<Declaration> definitions = all.stream().filter(d -> d.name().equals(role) && !d.extendz()).toList();
            assertThat(definitions).as("definitions of %s", role).singleElement()
                    .satisfies(d -> assertThat(d.set()).isEqualTo(MedCaseModel.TYPE_CASE))
                    .satisfies(d -> assertThat(d.includes()).isPositive())
                    .satisfies(d -> assertThat(d.requiresType()).as("requiresType of %s (false would hide it on mc:case)", role).isTrue());
            assertThat(all.stream().filter(d -> d.name().equals(role) && d.extendz()))
                    .as("references to %s", role).isNotEmpty()
                    .allSatisfy(d -> assertThat(d.type()).isEqualTo(MedCaseModel.TYPE_CASE))
                    .allSatisfy(d -> assertThat(d.includes()).as("includes belong on the one definition").isZero());
        }
        assertThat(all).extracting(Declaration::set).contains(MedCaseModel.TYPE_CASE, MedCaseModel.TYPE_MEDICAL_RECORD);
    }

    @Test
    void acsRolesStayOfferedOnOurTypes() throws Exception {
        assertThat(declarations(resource())).allSatisfy(d -> assertThat(d.expose())
                .as("permissionSet %s must expose=\"all\" so that Consumer ... Coordinator stay settable", d.set()).isEqualTo("all"));
    }

    @Test
    void settableRolesFollowAcsExposureRules() throws Exception {
        List<Declaration> all = declarations(resource());
        assertThat(settable(all, MedCaseModel.TYPE_CASE)).containsAll(STOCK_ROLES).containsAll(ROLES);
        assertThat(settable(all, MedCaseModel.TYPE_MEDICAL_RECORD)).containsAll(STOCK_ROLES).containsAll(ROLES);
        // The issue-14 shape: expose="selected" hides ACS's roles on our types.
        String selected = resource().replace("expose=\"all\"", "expose=\"selected\"");
        assertThat(settable(declarations(selected), MedCaseModel.TYPE_CASE)).doesNotContainAnyElementsOf(STOCK_ROLES);
    }

    /** What cm:folder and cm:content expose (permissionDefinitions.xml: extends of cm:cmobject's groups). */
    static final List<String> STOCK_ROLES = List.of("Coordinator", "Collaborator", "Contributor", "Editor", "Consumer");

    /**
     * PermissionModel.addTypePermissions + mergePermissions with exposedOnly=true, for one of our types:
     * the parent's exposed roles only if our set is expose="all"; then our set's exposed groups whose
     * requiresType is true (an extends group contributes its base group).
     */
    static List<String> settable(List<Declaration> declarations, String type) {
        List<Declaration> set = declarations.stream().filter(d -> d.set().equals(type)).toList();
        List<String> names = new ArrayList<>();
        if (set.isEmpty() || set.get(0).expose().equals("all")) {
            names.addAll(STOCK_ROLES);
        }
        set.stream().filter(Declaration::requiresType).forEach(d -> names.add(d.name()));
        return names;
    }

    /** PermissionModel.buildUniquePermissionMap, reduced to what decides uniqueness: the base group of each declaration. */
    static List<String> shortNamesResolvable(List<Declaration> declarations) {
        Map<String, String> unique = new LinkedHashMap<>();
        List<String> excluded = new ArrayList<>();
        Map<String, Declaration> byLongId = new HashMap<>();
        declarations.forEach(d -> byLongId.put(d.set() + "." + d.name(), d));
        for (Declaration d : declarations) {
            String base = d.extendz() ? d.type() + "." + d.name() : d.set() + "." + d.name();
            assertThat(byLongId).as("base group %s of %s.%s", base, d.set(), d.name()).containsKey(base);
            if (unique.containsKey(d.name()) && !excluded.contains(d.name())) {
                if (!unique.get(d.name()).equals(base)) {
                    unique.remove(d.name());
                    excluded.add(d.name());
                }
            } else if (!excluded.contains(d.name())) {
                unique.put(d.name(), base);
            }
        }
        return List.copyOf(unique.keySet());
    }

    static List<Declaration> declarations(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        NodeList sets = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagName("permissionSet");
        List<Declaration> out = new ArrayList<>();
        for (int i = 0; i < sets.getLength(); i++) {
            Element set = (Element) sets.item(i);
            NodeList groups = set.getElementsByTagName("permissionGroup");
            for (int j = 0; j < groups.getLength(); j++) {
                Element g = (Element) groups.item(j);
                out.add(new Declaration(set.getAttribute("type"), set.getAttribute("expose"), g.getAttribute("name"),
                        Boolean.parseBoolean(g.getAttribute("extends")), g.getAttribute("type"),
                        !"false".equals(g.getAttribute("requiresType")), g.getElementsByTagName("includePermissionGroup").getLength()));
            }
        }
        return out;
    }

    static String resource() throws Exception {
        try (InputStream in = PermissionModelFollowsAcsTest.class.getClassLoader().getResourceAsStream(PERMISSIONS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
