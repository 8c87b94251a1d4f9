package com.medcase.service.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The protection settings of issue 10, under {@code medcase.protection}: where keys live, login throttling, the
 * password policy of configured users, request size limits and the ledger's anchoring.
 *
 * @param keyDirectory  where generated keys are kept; empty = {@code <medcase.home>-keys}, a sibling of the data
 *                      directory, so a copy of the data directory alone carries no key
 * @param maxBodyBytes  the largest request body accepted outside multipart uploads (multipart has its own limits,
 *                      {@code spring.servlet.multipart.*})
 * @param encryptAtRest the embedded default's H2 database (CIPHER=AES) and its repository's content files (AES-256-GCM)
 *                      are encrypted with keys from the key directory or the environment; false only for measuring
 */
@Validated
@ConfigurationProperties("medcase.protection")
public record ProtectionProperties(@DefaultValue("") String keyDirectory,
                                   @DefaultValue @Valid Login login,
                                   @DefaultValue @Valid PasswordPolicy passwordPolicy,
                                   @DefaultValue("1048576") @Min(1024) long maxBodyBytes,
                                   @DefaultValue @Valid Ledger ledger,
                                   @DefaultValue("true") boolean encryptAtRest) {

    /** Resolves the key directory for a data home. */
    public Path keyDirectory(Path home) {
        if (keyDirectory.isBlank()) {
            Path absolute = home.toAbsolutePath().normalize();
            return absolute.resolveSibling(absolute.getFileName() + "-keys");
        }
        return Path.of(keyDirectory).toAbsolutePath().normalize();
    }

    /**
     * Failed logins within {@code window} lock the user (after {@code maxFailuresPerUser}) or the address (after
     * {@code maxFailuresPerAddress}) for {@code lockout}, over HTTP Basic and the console's form alike.
     */
    public record Login(@DefaultValue("5") @Min(1) int maxFailuresPerUser,
                        @DefaultValue("20") @Min(1) int maxFailuresPerAddress,
                        @DefaultValue("15m") Duration window,
                        @DefaultValue("15m") Duration lockout) {
    }

    /** Configured users' passwords: at least {@code minLength} characters and, when a file is given, not on that breach list (one password a line). */
    public record PasswordPolicy(@DefaultValue("12") @Min(8) int minLength, @DefaultValue("") String breachList) {
    }

    /**
     * The ledger's head hash is appended every {@code anchorInterval} to {@code anchorFile} (empty = {@code ledger-anchors.log}
     * in the key directory), outside the database; put that file on write-once storage (or {@code chattr +a}) in production.
     * With {@code anchorUrl}, each new anchor is also POSTed there as JSON {@code {"sequence":n,"hash":"...","at":"..."}}
     * (a timestamping or log service the database's administrators cannot rewrite).
     */
    public record Ledger(@DefaultValue("5m") Duration anchorInterval, @DefaultValue("") String anchorFile,
                         @DefaultValue("") String anchorUrl) {
    }
}
