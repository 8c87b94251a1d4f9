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
 * Every endpoint needs a login. The API takes HTTP Basic and keeps no session; since a browser may
 * replay cached Basic credentials on a cross-site post, every state-changing API request must carry
 * {@code X-Requested-By}. The console uses form login with a session and CSRF protection. Logins are
 * throttled, responses carry nosniff and a CSP. Rights follow least privilege per role.
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

    @Bean
    LoginThrottle loginThrottle(ProtectionProperties protection, java.time.Clock clock, javax.sql.DataSource dataSource, ServiceKeys keys) {
        // in the service's database: every node counts the same failures, and a restart forgets none
        return new LoginThrottle(protection.login(), clock, dataSource, keys.key("login-throttle").bytes());
    }

    /**
     * The one provider of both chains, throttled (issue 10). With ACS configured, ACS checks passwords (and owns their
     * policy) and its groups give the roles; configured users no longer apply. Otherwise the configured users, whose
     * presented passwords must meet the password policy.
     */
    @Bean
    ThrottledAuthenticationProvider authenticationProvider(MedCaseProperties properties, ProtectionProperties protection,
                                                           InMemoryUserDetailsManager users, PasswordEncoder encoder,
                                                           LoginThrottle throttle) {
        if (!properties.repository().acsUrl().isBlank()) {
            return new ThrottledAuthenticationProvider(new AcsAuthenticationProvider(properties.repository().alfrescoBaseUrl()),
                    throttle, null);
        }
        org.springframework.security.authentication.dao.DaoAuthenticationProvider dao =
                new org.springframework.security.authentication.dao.DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        return new ThrottledAuthenticationProvider(dao, throttle, new PasswordPolicy(protection.passwordPolicy()));
    }

    /** Every request body outside multipart uploads is bounded (multipart: spring.servlet.multipart.*). */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ProtectionProperties protection) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new RequestSizeLimitFilter(protection.maxBodyBytes()));
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The API answers data, never pages: nothing it returns may run script, be framed or be sniffed into HTML. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";
    /** The console: its own styles and scripts only (inline style attributes allowed), no framing, forms post to itself. */
    /** Every role but PROVIDER_FEED: a provider's integration account posts documents and reads nothing. */
    static final String[] READERS = java.util.Arrays.stream(MedCaseRole.values()).filter(r -> r != MedCaseRole.PROVIDER_FEED)
            .map(Enum::name).toArray(String[]::new);

    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**", "/v3/api-docs/**")
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(HttpMethod.POST, "/api/import/fhir").hasAnyRole(MedCaseRole.PROVIDER_FEED.name(), ADMIN.name())
                        .requestMatchers("/api/audit/**", "/api/import/**", "/api/admin/**").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/holds/**").hasAnyRole(LEGAL_HOLD_ADMINISTRATOR.name(), RECORDS_MANAGER.name())
                        .requestMatchers(HttpMethod.POST, "/api/holds/urgent").hasAnyRole(RECORDS_MANAGER.name(), LEGAL_HOLD_ADMINISTRATOR.name())
                        .requestMatchers("/api/holds/**").hasRole(LEGAL_HOLD_ADMINISTRATOR.name())
                        .requestMatchers("/api/authorizations/**", "/api/claimants/**", "/api/retention/**",
                                "/api/disposition/**", "/api/export/**").hasRole(RECORDS_MANAGER.name())
                        .requestMatchers(HttpMethod.POST, "/api/cases/**").hasAnyRole(RECORDS_MANAGER.name(), RECORDS_CLERK.name())
                        // Case folders carry claimant identity: records team only. Outside parties reach
                        // single records (and search hits) that consent lets them read.
                        .requestMatchers(HttpMethod.GET, "/api/cases/**").hasAnyRole(RECORDS_MANAGER.name(), RECORDS_CLERK.name(),
                                LEGAL_HOLD_ADMINISTRATOR.name())
                        // Everyone who reads, by consent: provider feeds only post (issue 10).
                        .requestMatchers(HttpMethod.GET, "/api/records/**", "/api/search/**").hasAnyRole(READERS)
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs/**").authenticated()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName("MedCase"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No session, so no synchronizer token: the required X-Requested-By header is the CSRF defence (issue 10).
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new RequestedByHeaderFilter(),
                        org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
                .headers(headers -> headers
                        .contentTypeOptions(org.springframework.security.config.Customizer.withDefaults())
                        .frameOptions(frame -> frame.deny())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(API_CSP)));
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
                        .requestMatchers("/console/jobs/**").hasRole(ADMIN.name())
                        .requestMatchers("/console/storage", "/console/storage/**").hasRole(ADMIN.name())
                        .requestMatchers("/console/certificates/**").hasRole(RECORDS_MANAGER.name())
                        .requestMatchers("/console/disposition", "/console/disposition/**").hasRole(RECORDS_MANAGER.name())
                        .anyRequest().hasAnyRole(READERS))
                .headers(headers -> headers
                        .contentTypeOptions(org.springframework.security.config.Customizer.withDefaults())
                        .frameOptions(frame -> frame.deny())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_CSP)))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console"))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
