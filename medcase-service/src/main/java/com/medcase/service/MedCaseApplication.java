package com.medcase.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The MedCase service: REST API, console and quickstart on the embedded default or against ACS. */
@SpringBootApplication
@ConfigurationPropertiesScan
@org.springframework.scheduling.annotation.EnableScheduling
public class MedCaseApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(MedCaseApplication.class);
        if (java.util.Arrays.asList(args).contains("--medcase.quickstart.enabled=true")) {
            // The quickstart opens every demo channel on loopback; explicit arguments still win.
            application.setDefaultProperties(java.util.Map.of(
                    "medcase.importing.mllp.enabled", "true",
                    "medcase.importing.mllp.port", "0",
                    "medcase.importing.file-drop.enabled", "true",
                    "medcase.importing.file-drop.inbox", "${medcase.home:./.medcase}/import/inbox",
                    "medcase.importing.file-drop.poll-millis", "500",
                    "medcase.importing.fhir.enabled", "true"));
        }
        application.run(args);
    }
}
