package com.medcase.service.security;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Case numbers may contain '/' (the model's {@code mc:caseNumberFormat}, e.g. {@code WC/2026/0001}), and a case is
 * addressed as one path segment: {@code /api/cases/WC%2F2026%2F0001}. Tomcat rejects {@code %2F} by default and Spring
 * Security's firewall too. Here Tomcat passes it through undecoded and the firewall allows it, so Spring MVC's path
 * patterns match the encoded segment and decode the variable afterwards: {@code %2F} stays inside one segment and can
 * never become a path separator (no traversal to another endpoint). Everything else the strict firewall refuses
 * (';', backslash, encoded periods, non-printable characters) it still refuses.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashInPathSegments {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashPassThrough() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        // Passed through undecoded, the segment keeps its '%' (and Tomcat keeps %25 encoded alongside %2F, so nothing
        // is decoded twice); the firewall must let that '%' be.
        firewall.setAllowUrlEncodedPercent(true);
        return firewall;
    }
}
