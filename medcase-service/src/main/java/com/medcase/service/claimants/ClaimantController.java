package com.medcase.service.claimants;

import com.medcase.store.claimant.JdbcClaimantRegistry;
import com.medcase.store.claimant.JdbcClaimantRegistry.Claimant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** {@code POST/GET /api/claimants}: the claimant registry for the records team (records managers, see SecurityConfiguration). */
@RestController
class ClaimantController {

    private final ClaimantRegistration registration;
    private final JdbcClaimantRegistry registry;

    ClaimantController(ClaimantRegistration registration, JdbcClaimantRegistry registry) {
        this.registration = registration;
        this.registry = registry;
    }

    @PostMapping("/api/claimants")
    @ResponseStatus(HttpStatus.CREATED)
    Claimant register(@RequestBody ClaimantRegistration.Request request, Authentication authentication) {
        return registration.register(request, authentication.getName());
    }

    @GetMapping("/api/claimants")
    List<Claimant> list(@RequestParam(defaultValue = "100") int limit) {
        return registry.list(limit);
    }

    @GetMapping("/api/claimants/{id}")
    Claimant get(@PathVariable String id) {
        return registry.find(id).orElseThrow(() -> new NoSuchElementException("No claimant " + id));
    }

    @ExceptionHandler(JdbcClaimantRegistry.IdentifierTakenException.class)
    ResponseEntity<Map<String, String>> conflict(JdbcClaimantRegistry.IdentifierTakenException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> invalid(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<Map<String, String>> missing(NoSuchElementException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }
}
