package com.medcase.alfresco.embedded;

import org.alfresco.core.model.Error;
import org.alfresco.core.model.GroupBodyCreate;
import org.alfresco.core.model.GroupMembershipBodyCreate;
import org.alfresco.core.model.NodeBodyCreate;
import org.alfresco.core.model.NodeEntry;
import org.alfresco.core.model.PermissionElement;
import org.alfresco.core.model.PermissionsBody;
import org.alfresco.core.model.PersonBodyCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts one embedded repository per test class (H2 in a temp home unless a subclass says otherwise). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmbeddedTestBase {
    static final String ADMIN = "medcase-service";
    static final String ADMIN_PW = "s3rvice-Pw!";
    static final String USER_PW = "user-Pw-1!";

    Path home;
    EmbeddedAlfresco alfresco;
    Client admin;

    /** null: H2 default. */
    String jdbcUrl() {
        return null;
    }

    String jdbcUser() {
        return null;
    }

    @BeforeAll
    void startRepository() throws IOException {
        // keep the suite fast: fewer PBKDF2 rounds for test passwords (production default is 120,000)
        System.setProperty("medcase.alfresco.pbkdf2.iterations", "2000");
        home = Files.createTempDirectory("alfresco-embedded-test");
        alfresco = EmbeddedAlfresco.start(settings());
        admin = new Client(alfresco.baseUrl(), ADMIN, ADMIN_PW);
    }

    EmbeddedAlfrescoSettings settings() {
        return new EmbeddedAlfrescoSettings(home, jdbcUrl(), jdbcUser(), null, 0, ADMIN, ADMIN_PW.toCharArray());
    }

    void restart() {
        alfresco.close();
        alfresco = EmbeddedAlfresco.start(settings());
        admin = new Client(alfresco.baseUrl(), ADMIN, ADMIN_PW);
    }

    @AfterAll
    void stopRepository() throws IOException {
        if (alfresco != null) {
            alfresco.close();
        }
        if (home != null) {
            try (Stream<Path> s = Files.walk(home)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    NodeEntry createFolder(String parentId, String name) {
        Client.Res r = admin.post(Client.core("nodes/" + parentId + "/children"), new NodeBodyCreate().name(name).nodeType("cm:folder"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.as(NodeEntry.class);
    }

    NodeEntry createFile(Client c, String parentId, String name, String type, Map<String, Object> props, List<String> aspects) {
        NodeBodyCreate body = new NodeBodyCreate().name(name).nodeType(type);
        if (props != null) {
            body.properties(props);
        }
        if (aspects != null) {
            body.aspectNames(aspects);
        }
        Client.Res r = c.post(Client.core("nodes/" + parentId + "/children"), body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.as(NodeEntry.class);
    }

    /** Creates a person (admin) and returns a client authenticated as them. */
    Client person(String id) {
        Client.Res r = admin.post(Client.core("people"), new PersonBodyCreate().id(id).firstName("First").lastName("Last")
                .email(id + "@example.org").password(USER_PW));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return admin.as(id, USER_PW);
    }

    String group(String shortName) {
        Client.Res r = admin.post(Client.core("groups"), new GroupBodyCreate().id(shortName).displayName(shortName + " display"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return "GROUP_" + shortName;
    }

    void addMember(String groupId, String memberId, GroupMembershipBodyCreate.MemberTypeEnum type) {
        Client.Res r = admin.post(Client.core("groups/" + groupId + "/members"), new GroupMembershipBodyCreate().id(memberId).memberType(type));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    static PermissionElement ace(String authority, String role, PermissionElement.AccessStatusEnum status) {
        return new PermissionElement().authorityId(authority).name(role).accessStatus(status);
    }

    static PermissionElement allow(String authority, String role) {
        return ace(authority, role, PermissionElement.AccessStatusEnum.ALLOWED);
    }

    static PermissionsBody perms(Boolean inherit, PermissionElement... locallySet) {
        PermissionsBody b = new PermissionsBody().isInheritanceEnabled(inherit);
        if (locallySet != null) {
            b.locallySet(List.of(locallySet));
        }
        return b;
    }

    /** Asserts an ACS error body, strictly parsed into the SDK's Error model. */
    static Error assertError(Client.Res r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        Error e = r.as(Error.class);
        assertThat(e.getError().getStatusCode()).isEqualTo(status);
        assertThat(e.getError().getErrorKey()).isNotBlank();
        assertThat(e.getError().getBriefSummary()).isNotBlank();
        assertThat(e.getError().getDescriptionURL()).isNotBlank();
        assertThat(e.getError().getStackTrace()).isNotNull();
        return e;
    }
}
