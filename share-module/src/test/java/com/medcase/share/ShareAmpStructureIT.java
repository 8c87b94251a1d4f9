package com.medcase.share;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarInputStream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs after packaging: the Share AMP has module.properties and a jar carrying the Share config. */
class ShareAmpStructureIT {

    @Test
    void ampHasModulePropertiesAndTheShareJar() throws IOException {
        Path amp = Path.of(System.getProperty("amp.file", "target/share-module-0.1.0-SNAPSHOT.amp"));
        try (ZipFile zip = new ZipFile(amp.toFile())) {
            Properties module = new Properties();
            try (InputStream in = zip.getInputStream(zip.getEntry("module.properties"))) {
                module.load(in);
            }
            assertThat(module.getProperty("module.id")).isEqualTo("share-module");
            assertThat(module.getProperty("module.version")).matches("\\d+(\\.\\d+)*");
            // alfresco-mmt checks module.repo.version.min against share.war; there is no module.share.version.min.
            assertThat(module.getProperty("module.repo.version.min")).isEqualTo("23.3");
            assertThat(module.stringPropertyNames()).doesNotContain("module.share.version.min");
            var lib = zip.getEntry("lib/share-module-0.1.0-SNAPSHOT.jar");
            assertThat(lib).isNotNull();
            Set<String> entries = new HashSet<>();
            try (JarInputStream jar = new JarInputStream(zip.getInputStream(lib))) {
                for (var e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                    entries.add(e.getName());
                }
            }
            assertThat(entries).contains("META-INF/share-config-custom.xml",
                    "alfresco/web-extension/medcase-share-context.xml",
                    "alfresco/web-extension/messages/medcase-share.properties",
                    "META-INF/components/documentlibrary/indicators/medcase-legal-hold-16.png",
                    "META-INF/components/documentlibrary/actions/medcase-console-16.png");
        }
    }
}
