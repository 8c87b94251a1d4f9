package com.medcase.service.security;

import com.medcase.service.config.MedCaseProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static com.medcase.service.security.MedCaseRole.ADMIN;
import static com.medcase.service.security.MedCaseRole.LEGAL_HOLD_ADMINISTRATOR;
import static com.medcase.service.security.MedCaseRole.RECORDS_CLERK;
import static com.medcase.service.security.MedCaseRole.RECORDS_MANAGER;

/**
 * Every endpoint needs a login. The API takes HTTP Basic and keeps no session (so no CSRF token
 * is needed: nothing a browser sends by itself authenticates it); the console uses form login
 * with a session and CSRF protection. Rights follow least privilege per role.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    ConfiguredUsers configuredUsers(MedCaseProperties properties, PasswordEncoder encoder) {
        return new ConfiguredUsers(properties, encoder);
    }

    @Bean
    InMemoryUserDetailsManager userDetailsService(ConfiguredUsers users) {
        return new InMemoryUserDetailsManager(users.users());
    }

    /** With ACS configured, ACS checks passwords and its groups give the roles; configured users no longer apply. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("!'${medcase.repository.acs-url:}'.isBlank()")
    AcsAuthenticationProvider acsAuthenticationProvider(MedCaseProperties properties) {
        return new AcsAuthenticationProvider(properties.repository().alfrescoBaseUrl());
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**", "/v3/api-docs/**")
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(HttpMethod.POST, "/api/import/fhir").hasAnyRole(MedCaseRole.PROVIDER_FEED.name(), ADMIN.name())
                        .requestMatchers("/api/audit/**", "/api/import/**").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/holds/**").hasAnyRole(LEGAL_HOLD_ADMINISTRATOR.name(), RECORDS_MANAGER.name())
                        .requestMatchers("/api/holds/**").hasRole(LEGAL_HOLD_ADMINISTRATOR.name())
                        .requestMatchers("/api/authorizations/**", "/api/claimants/**", "/api/retention/**",
                                "/api/disposition/**", "/api/export/**").hasRole(RECORDS_MANAGER.name())
                        .requestMatchers(HttpMethod.POST, "/api/cases/**").hasAnyRole(RECORDS_MANAGER.name(), RECORDS_CLERK.name())
                        // Case folders carry claimant identity: records team only. Outside parties reach
                        // single records (and search hits) that consent lets them read.
                        .requestMatchers(HttpMethod.GET, "/api/cases/**").hasAnyRole(RECORDS_MANAGER.name(), RECORDS_CLERK.name(),
                                LEGAL_HOLD_ADMINISTRATOR.name())
                        .requestMatchers(HttpMethod.GET, "/api/records/**", "/api/search/**").authenticated()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs/**").authenticated()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName("MedCase"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(rules -> rules
                        .requestMatchers("/login", "/error", "/console.css", "/webjars/**").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/console/holds").hasRole(LEGAL_HOLD_ADMINISTRATOR.name())
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/console/disposition/**").hasRole(RECORDS_MANAGER.name())
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/console/import/**").hasRole(ADMIN.name())
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console"))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
