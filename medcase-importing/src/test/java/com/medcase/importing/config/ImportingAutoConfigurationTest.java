package com.medcase.importing.config;

import com.medcase.importing.admin.ImportAdministration;
import com.medcase.importing.admin.ImportMonitor;
import com.medcase.importing.hl7.MllpListener;
import com.medcase.importing.testapp.ImportingTestApplication;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Channels are off unless enabled; bad settings stop the start with the key to fix. */
class ImportingAutoConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void withoutEnabledChannelsNoRouteRunsAndNoPortIsOpened() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ImportingTestApplication.class)
                .properties("medcase.test.db-dir=" + dir).run()) {
            assertThat(app.getBean(CamelContext.class).getRoutes()).isEmpty();
            assertThat(app.getBeansOfType(MllpListener.class)).isEmpty();
            assertThat(app.getBean(ImportMonitor.class).snapshot().openDeadLetters()).isZero();
            assertThat(app.getBean(ImportAdministration.class).deadLetters(10)).isEmpty();
        }
    }

    @Test
    void anOutOfRangePortIsRefusedAtStartNamingTheProperty() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ImportingTestApplication.class)
                .properties("medcase.test.db-dir=" + dir, "medcase.importing.mllp.enabled=true", "medcase.importing.mllp.port=70000").run())
                .hasStackTraceContaining("medcase.importing.mllp.port");
    }
}
