package com.medcase.share;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console URL of the case-folder actions is configuration: docker/share/medcase-share-entrypoint.sh
 * writes share-config-custom-dev.xml (read by Share after the module jars) from MEDCASE_CONSOLE_URL.
 * Runs the real script with sh, pointing its two paths into a temporary directory.
 */
class ShareConsoleUrlEntrypointTest {

    static final Path SCRIPT = Path.of(System.getProperty("medcase.share.entrypoint", "../docker/share/medcase-share-entrypoint.sh"));

    @TempDir
    Path dir;

    @Test
    void writesAnOverrideOfBothActionsWithTheConfiguredUrl() throws Exception {
        Path override = dir.resolve("share-config-custom-dev.xml");
        Result result = run("https://medcase.example.org:8443/", override);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("next entrypoint: catalina.sh run");
        Map<String, String> hrefs = hrefs(Files.readString(override));
        assertThat(hrefs).containsOnlyKeys(actionIdsInOurConfig().keySet());
        assertThat(hrefs).containsEntry("medcase-open-case-in-console", "https://medcase.example.org:8443/console/open-case?number={node.properties.mc:caseNumber}")
                .containsEntry("medcase-open-record-in-console", "https://medcase.example.org:8443/console/open-record?node={node.nodeRef}")
                .containsEntry("medcase-open-console", "https://medcase.example.org:8443/console");
        // The defaults in the module's own config follow the same shape, so the override changes only the base URL.
        actionIdsInOurConfig().forEach((id, href) -> assertThat(href).startsWith("http://localhost:8085/")
                .isEqualTo(hrefs.get(id).replace("https://medcase.example.org:8443/", "http://localhost:8085/")));
    }

    @Test
    void refusesAUrlThatIsNotAPlainHttpUrl() throws Exception {
        Path override = dir.resolve("share-config-custom-dev.xml");
        Result result = run("javascript:alert(1)\"/><x", override);
        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.output()).contains("MEDCASE_CONSOLE_URL must be a plain http(s) URL");
        assertThat(override).doesNotExist();
    }

    @Test
    void leavesTheDefaultsAloneWhenNoUrlIsSet() throws Exception {
        Path override = dir.resolve("share-config-custom-dev.xml");
        Result result = run("", override);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(override).doesNotExist();
    }

    record Result(int exitCode, String output) { }

    Result run(String consoleUrl, Path override) throws Exception {
        Path next = dir.resolve("next.sh");
        Files.writeString(next, "#!/bin/sh\necho \"next entrypoint: $*\"\n");
        next.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString(), "catalina.sh run").redirectErrorStream(true);
        pb.environment().put("MEDCASE_CONSOLE_URL", consoleUrl);
        pb.environment().put("MEDCASE_SHARE_OVERRIDE_FILE", override.toString());
        pb.environment().put("MEDCASE_SHARE_NEXT_ENTRYPOINT", next.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }

    static Map<String, String> actionIdsInOurConfig() throws Exception {
        return hrefs(ShareConfigMatchesModelTest.resource(ShareConfigMatchesModelTest.SHARE_CONFIG));
    }

    /** id -> href of every DocLibActions action that has an href param. */
    static Map<String, String> hrefs(String xml) throws Exception {
        NodeList actions = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getElementsByTagName("action");
        Map<String, String> hrefs = new LinkedHashMap<>();
        for (int i = 0; i < actions.getLength(); i++) {
            Element action = (Element) actions.item(i);
            NodeList params = action.getElementsByTagName("param");
            for (int j = 0; j < params.getLength(); j++) {
                Element param = (Element) params.item(j);
                if ("href".equals(param.getAttribute("name"))) {
                    hrefs.put(action.getAttribute("id"), param.getTextContent().strip());
                }
            }
        }
        return hrefs;
    }
}
