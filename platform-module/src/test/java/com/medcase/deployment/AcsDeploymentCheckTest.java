package com.medcase.deployment;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The static deployment check (issue 14) run on our real files, and on broken copies to show that
 * each check fails when it should. Facts: src/test/resources/alfresco-facts/acs-repository.facts
 * (alfresco-community-repo 23.4.0.67 and 25.2.0.64, acs-deployment v10.0.0).
 */
class AcsDeploymentCheckTest {

    static final AlfrescoFacts FACTS = AlfrescoFacts.load("alfresco-facts/acs-repository.facts");
    static final Path COMPOSE = Path.of(System.getProperty("medcase.compose", "../docker/docker-compose.yml"));

    @Test
    void factsNameTheirAcsVersionAndSources() {
        assertThat(FACTS.header()).containsEntry("acs.version", "25.2")
                .containsKeys("source.alfresco-community-repo.25.2.0.64", "source.acs-deployment.v10.0.0");
        assertThat(FACTS.section("abstract-beans")).contains("dictionaryModelBootstrap", "permissionModelBootstrap");
        assertThat(FACTS.section("bootstrap-beans")).contains("dictionaryBootstrap");
    }

    @Nested
    class SpringContexts {

        @Test
        void everyParentAndDependsOnOfOurContextsExistsInAcs() throws Exception {
            Map<String, String> contexts = moduleContexts();
            assertThat(contexts).containsKeys("module-context.xml", "context/bootstrap-context.xml");
            assertThat(AcsDeploymentCheck.springReferences(contexts, FACTS)).isEmpty();
        }

        @Test
        void aParentAcsDoesNotDefineIsReported() throws Exception {
            Map<String, String> broken = new LinkedHashMap<>(moduleContexts());
            broken.computeIfPresent("context/bootstrap-context.xml",
                    (k, xml) -> xml.replace("parent=\"dictionaryModelBootstrap\"", "parent=\"medcaseDictionaryModelBootstrap\""));
            assertThat(AcsDeploymentCheck.springReferences(broken, FACTS))
                    .singleElement().asString().contains("parent \"medcaseDictionaryModelBootstrap\" is not an abstract bean of ACS 25.2");
        }

        @Test
        void aDependsOnAcsDoesNotDefineIsReported() throws Exception {
            Map<String, String> broken = new LinkedHashMap<>(moduleContexts());
            broken.computeIfPresent("context/bootstrap-context.xml",
                    (k, xml) -> xml.replace("depends-on=\"dictionaryBootstrap\"", "depends-on=\"dictionaryBootstrap,cmisDictionaryBootstrap\""));
            assertThat(AcsDeploymentCheck.springReferences(broken, FACTS))
                    .singleElement().asString().contains("depends-on \"cmisDictionaryBootstrap\"");
        }
    }

    @Nested
    class ModuleProperties {

        @Test
        void onlyKeysAcsReads() throws IOException {
            assertThat(AcsDeploymentCheck.moduleProperties(moduleProperties(), FACTS)).isEmpty();
        }

        @Test
        void theRepositoryVersionFloorIsTheHoldsApiOne() throws IOException {
            Properties module = moduleProperties();
            assertThat(module.getProperty("module.repo.version.min")).isEqualTo("23.3");
            assertThat(module.getProperty("module.depends.org_alfresco_module_rm")).isEqualTo("23.3-");
        }

        @Test
        void aKeyAcsIgnoresIsReported() throws IOException {
            Properties broken = moduleProperties();
            broken.setProperty("module.share.version.min", "7.0");
            assertThat(AcsDeploymentCheck.moduleProperties(broken, FACTS))
                    .singleElement().asString().contains("\"module.share.version.min\" is not a key ACS reads");
        }
    }

    @Nested
    class Compose {

        @Test
        void ourComposePassesEveryCheck() throws IOException {
            assertThat(AcsDeploymentCheck.compose(Files.readString(COMPOSE), "alfresco", FACTS)).isEmpty();
        }

        @Test
        void anUnquotedBrokerUrlIsReported() {
            assertThat(AcsDeploymentCheck.javaOptsSurviveEval("alfresco",
                    "-Dsolr.port=8983 -Dmessaging.broker.url=failover:(nio://activemq:61616)?timeout=3000"))
                    .hasSize(2).allSatisfy(p -> assertThat(p).contains("unquoted '").contains("shell metacharacter"));
            assertThat(AcsDeploymentCheck.javaOptsSurviveEval("alfresco",
                    "-Dmessaging.broker.url=\"failover:(nio://activemq:61616)?timeout=3000&jms.useCompression=true\"")).isEmpty();
        }

        @Test
        void anEnvironmentValueOutsideSingleQuotesIsReported() {
            assertThat(AcsDeploymentCheck.javaOptsSurviveEval("alfresco", "-Ddb.password=${ALFRESCO_DB_PASSWORD}"))
                    .singleElement().asString().contains("unquoted '$'");
            assertThat(AcsDeploymentCheck.javaOptsSurviveEval("alfresco", "-Ddb.password=\"${ALFRESCO_DB_PASSWORD}\""))
                    .singleElement().asString().contains("inside double quotes is still expanded");
            assertThat(AcsDeploymentCheck.javaOptsSurviveEval("alfresco", "-Ddb.password='${ALFRESCO_DB_PASSWORD}'")).isEmpty();
            assertThat(AcsDeploymentCheck.javaOptsSurviveEval("alfresco", "-Dx='unterminated"))
                    .singleElement().asString().contains("unterminated");
        }

        @Test
        void theBrokenComposeOfIssue14IsReported() throws IOException {
            String broken = Files.readString(COMPOSE)
                    .replace("-Dmessaging.broker.url=\"failover:(nio://activemq:61616)?timeout=3000&jms.useCompression=true\"",
                            "-Dmessaging.broker.url=failover:(nio://activemq:61616)?timeout=3000")
                    .replaceAll("(?m)^\\s+-Dmetadata-keystore\\.password=.*\\n", "");
            assertThat(AcsDeploymentCheck.compose(broken, "alfresco", FACTS))
                    .anySatisfy(p -> assertThat(p).contains("unquoted '('"))
                    .anySatisfy(p -> assertThat(p).contains("-Dmetadata-keystore.password is missing"));
        }

        @Test
        void everyKeystoreOptionIsRequiredAndPasswordsComeFromTheEnvironment() {
            String complete = String.join(" ", FACTS.section("compose-keystore-options").stream()
                    .map(o -> "-D" + o + "=" + (o.endsWith("password") ? "${SECRET:?set SECRET}" : "x")).toList());
            assertThat(AcsDeploymentCheck.keystoreOptions("alfresco", complete, null, FACTS)).isEmpty();
            for (String option : FACTS.section("compose-keystore-options")) {
                String without = complete.replaceAll("-D" + java.util.regex.Pattern.quote(option) + "=\\S+", "");
                assertThat(AcsDeploymentCheck.keystoreOptions("alfresco", without, null, FACTS))
                        .as(option).anySatisfy(p -> assertThat(p).contains("-D" + option + " is missing"));
            }
            assertThat(AcsDeploymentCheck.keystoreOptions("alfresco", complete.replace("${SECRET:?set SECRET}", "mp6yc0UD9e"), null, FACTS))
                    .isNotEmpty().allSatisfy(p -> assertThat(p).contains("must come from the environment"));
        }

        @Test
        void aLiteralSecretIsReported() {
            assertThat(AcsDeploymentCheck.secretsFromEnvironment("postgres", Map.of("POSTGRES_PASSWORD", "alfresco")))
                    .singleElement().asString().contains("POSTGRES_PASSWORD holds a literal secret");
            assertThat(AcsDeploymentCheck.secretsFromEnvironment("alfresco", Map.of("JAVA_OPTS", "-Dsolr.sharedSecret=secret -Ddb.username=alfresco")))
                    .singleElement().asString().contains("-Dsolr.sharedSecret holds a literal secret");
            assertThat(AcsDeploymentCheck.secretsFromEnvironment("alfresco",
                    Map.of("JAVA_OPTS", "-Ddb.password='${ALFRESCO_DB_PASSWORD:?set ALFRESCO_DB_PASSWORD in docker/.env}'"))).isEmpty();
        }
    }

    static Map<String, String> moduleContexts() throws IOException, URISyntaxException {
        Path root = Path.of(AcsDeploymentCheckTest.class.getClassLoader().getResource("alfresco/module/platform-module").toURI());
        Map<String, String> contexts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                String xml = Files.readString(file, StandardCharsets.UTF_8);
                if (xml.contains("<beans")) {
                    contexts.put(root.relativize(file).toString().replace('\\', '/'), xml);
                }
            }
        }
        return contexts;
    }

    static Properties moduleProperties() throws IOException {
        Properties module = new Properties();
        try (InputStream in = AcsDeploymentCheckTest.class.getClassLoader().getResourceAsStream("module.properties")) {
            module.load(in);
        }
        return module;
    }
}
