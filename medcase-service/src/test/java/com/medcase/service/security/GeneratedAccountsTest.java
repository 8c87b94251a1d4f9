package com.medcase.service.security;

import com.medcase.service.config.MedCaseProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, least privilege: the operations account the quickstart generates must not read records. Before, the
 * generated {@code admin} also carried records manager and legal hold administrator, so the only account a new
 * installation had read psychotherapy notes and Part 2 content as a records manager.
 */
class GeneratedAccountsTest {

    @Test
    void theGeneratedOperatorIsAdminOnlyAndTheRecordsTeamGetsItsOwnAccount(@TempDir Path home) {
        MedCaseProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("medcase.home", home.toString())))
                .bind("medcase", MedCaseProperties.class).get();
        ConfiguredUsers users = new ConfiguredUsers(properties, new BCryptPasswordEncoder(4));

        assertThat(roles(users, ConfiguredUsers.GENERATED_ADMIN)).containsExactly("ROLE_ADMIN");
        assertThat(roles(users, ConfiguredUsers.GENERATED_RECORDS_LEAD))
                .contains("ROLE_RECORDS_MANAGER", "ROLE_LEGAL_HOLD_ADMINISTRATOR").doesNotContain("ROLE_ADMIN");
        assertThat(users.generatedPasswords()).containsOnlyKeys(ConfiguredUsers.GENERATED_ADMIN, ConfiguredUsers.GENERATED_RECORDS_LEAD);

        // a second start keeps both hashes and shows no password again
        ConfiguredUsers again = new ConfiguredUsers(properties, new BCryptPasswordEncoder(4));
        assertThat(again.generatedPasswords()).isEmpty();
        assertThat(roles(again, ConfiguredUsers.GENERATED_RECORDS_LEAD)).contains("ROLE_RECORDS_MANAGER");
    }

    private static Set<String> roles(ConfiguredUsers users, String name) {
        UserDetails user = users.users().stream().filter(u -> u.getUsername().equals(name)).findFirst().orElseThrow();
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_")).collect(Collectors.toSet());
    }
}
