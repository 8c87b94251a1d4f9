package com.medcase.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The MedCase service: REST API, console and quickstart on the embedded default or against ACS. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MedCaseApplication {

    public static void main(String[] args) {
        SpringApplication.run(MedCaseApplication.class, args);
    }
}
