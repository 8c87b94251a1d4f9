package com.medcase.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs after packaging: the AMP has the layout alfresco-mmt expects and installs cleanly. */
class PlatformAmpStructureIT {

    @Test
    void ampHasModulePropertiesConfigAndAClassesOnlyJar() throws IOException {
        Path amp = Path.of(System.getProperty("amp.file", "target/platform-module-0.1.0-SNAPSHOT.amp"));
        try (ZipFile zip = new ZipFile(amp.toFile())) {
            Properties module = new Properties();
            try (InputStream in = zip.getInputStream(zip.getEntry("module.properties"))) {
                module.load(in);
            }
            assertThat(module.getProperty("module.id")).isEqualTo("platform-module");
            assertThat(module.getProperty("module.version")).matches("\\d+(\\.\\d+)*");
            assertThat(module.getProperty("module.repo.version.min")).isNotBlank();

            String config = "config/alfresco/module/platform-module/";
            assertThat(zip.getEntry(config + "module-context.xml")).isNotNull();
            assertThat(zip.getEntry(config + "context/bootstrap-context.xml")).isNotNull();
            assertThat(zip.getEntry(config + "model/medcaseModel.xml")).isNotNull();
            assertThat(zip.getEntry(config + "model/medcasePermissionDefinitions.xml")).isNotNull();
            assertThat(zip.getEntry(config + "messages/medcaseModel.properties")).isNotNull();
            String context = new String(zip.getInputStream(zip.getEntry(config + "context/bootstrap-context.xml")).readAllBytes());
            assertThat(context).as("placeholders were filtered").doesNotContain("${")
                    .contains("parent=\"dictionaryModelBootstrap\"").contains("depends-on=\"dictionaryBootstrap\"");

            ZipEntry lib = zip.stream().filter(e -> e.getName().startsWith("lib/") && e.getName().endsWith(".jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no jar in lib/"));
            try (JarInputStream jar = new JarInputStream(zip.getInputStream(lib))) {
                for (var e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                    assertThat(e.getName()).as("lib jar must not duplicate config/ (ACS would load the module context twice)")
                            .doesNotStartWith("alfresco/");
                }
            }
        }
    }
}
