package com.medcase.cmis.embedded;

import com.medcase.model.ModelDefinitions;
import com.medcase.model.ModelDefinitions.ClassDef;
import org.apache.chemistry.opencmis.client.api.ObjectType;
import org.apache.chemistry.opencmis.client.api.Session;
import org.apache.chemistry.opencmis.client.runtime.SessionFactoryImpl;
import org.apache.chemistry.opencmis.commons.SessionParameter;
import org.apache.chemistry.opencmis.commons.definitions.PropertyDefinition;
import org.apache.chemistry.opencmis.commons.enums.BaseTypeId;
import org.apache.chemistry.opencmis.commons.enums.Cardinality;
import org.apache.chemistry.opencmis.commons.enums.PropertyType;
import org.apache.chemistry.opencmis.commons.exceptions.CmisUnauthorizedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The running server's CMIS types, read over HTTP, are exactly the model's. */
class GeneratedTypesOverHttpTest {

    @TempDir
    static Path dir;
    static EmbeddedCmisServer server;
    static final ModelDefinitions MODEL = ModelDefinitions.load();

    @BeforeAll
    static void start() throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "user.svc=" + UserDirectory.hash("test-only-pw".toCharArray()) + "\n");
        server = EmbeddedCmisServer.start(0, users, "svc");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Session session(String user, String password) {
        Map<String, String> p = new HashMap<>();
        p.put(SessionParameter.BINDING_TYPE, "browser");
        p.put(SessionParameter.BROWSER_URL, "http://127.0.0.1:" + server.port() + "/cmis/browser");
        p.put(SessionParameter.USER, user);
        p.put(SessionParameter.PASSWORD, password);
        p.put(SessionParameter.REPOSITORY_ID, EmbeddedCmisServer.REPOSITORY_ID);
        return SessionFactoryImpl.newInstance().createSession(p);
    }

    @Test
    void everyTypeAspectAndPropertyOfTheModelIsServedWithTheRightShape() {
        Session session = session("svc", "test-only-pw");
        for (ClassDef c : MODEL.classes().values()) {
            ObjectType type = session.getTypeDefinition(MedCaseTypeCreator.cmisTypeId(c, MODEL));
            BaseTypeId expectedBase = switch (c.kind()) {
                case ASPECT -> BaseTypeId.CMIS_SECONDARY;
                case TYPE -> c.parent().equals("cm:folder") ? BaseTypeId.CMIS_FOLDER : BaseTypeId.CMIS_DOCUMENT;
            };
            assertThat(type.getBaseTypeId()).as(c.name()).isEqualTo(expectedBase);
            Map<String, PropertyDefinition<?>> served = type.getPropertyDefinitions();
            c.properties().values().forEach(p -> {
                assertThat(served).as("%s on %s", p.name(), c.name()).containsKey(p.name());
                PropertyDefinition<?> def = served.get(p.name());
                assertThat(def.getCardinality()).as(p.name()).isEqualTo(p.multiple() ? Cardinality.MULTI : Cardinality.SINGLE);
                assertThat(def.getPropertyType()).as(p.name()).isEqualTo(switch (p.dataType()) {
                    case "d:date", "d:datetime" -> PropertyType.DATETIME;
                    case "d:int", "d:long" -> PropertyType.INTEGER;
                    case "d:boolean" -> PropertyType.BOOLEAN;
                    default -> PropertyType.STRING;
                });
                assertThat(def.isRequired()).as(p.name()).isEqualTo(p.mandatory() && c.kind() == ModelDefinitions.ClassKind.TYPE);
            });
        }
    }

    @Test
    void theServerAuthenticatesEveryRequest() {
        assertThatThrownBy(() -> session("svc", "wrong")).isInstanceOf(CmisUnauthorizedException.class);
        assertThatThrownBy(() -> session("nobody", "test-only-pw")).isInstanceOf(CmisUnauthorizedException.class);
    }
}
