package com.medcase.importing.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The claims one sender may send documents for (issue 10: "provider feeds can only post, and only for claims they
 * are allowed to send"). A pattern is a claim number, or a prefix followed by {@code *}; {@code *} alone is any
 * claim. A scoped sender must name the claim in every document: matching by demographics or identifiers could
 * otherwise file its documents into a claimant's case it was never engaged on.
 *
 * @param sender  the account, for messages
 * @param allowed the patterns; {@code null} for an unscoped channel (administrators, MLLP and file drop, which
 *                are configured per channel rather than per account)
 */
public record SenderScope(String sender, List<String> allowed) {

    public SenderScope {
        allowed = allowed == null ? null : List.copyOf(allowed);
    }

    /** No restriction: the channel's configuration decides (administrators, MLLP, file drop). */
    public static SenderScope unrestricted(String sender) {
        return new SenderScope(sender, null);
    }

    public boolean restricted() {
        return allowed != null && !allowed.contains("*");
    }

    public boolean permits(String claimNumber) {
        if (!restricted()) {
            return true;
        }
        if (claimNumber == null || claimNumber.isBlank()) {
            return false;
        }
        String claim = claimNumber.trim().toUpperCase(Locale.ROOT);
        return allowed.stream().map(p -> p.trim().toUpperCase(Locale.ROOT))
                .anyMatch(p -> p.endsWith("*") ? claim.startsWith(p.substring(0, p.length() - 1)) : claim.equals(p));
    }

    /** Why a document may not be sent by this sender, if it may not. */
    public Optional<String> refusal(IncomingDocument doc) {
        if (permits(doc.claimNumber())) {
            return Optional.empty();
        }
        if (allowed.isEmpty()) {
            return Optional.of("'" + sender + "' may not send documents for any claim: an administrator lists its claims in "
                    + "medcase.security.users[].allowed-claims (claim numbers, or prefixes ending in *)");
        }
        if (doc.claimNumber() == null || doc.claimNumber().isBlank()) {
            return Optional.of("document " + doc.messageId() + " names no claim number; '" + sender
                    + "' must name one of its claims (identifier system urn:medcase:claim-number); see medcase.security.users[].allowed-claims");
        }
        return Optional.of("'" + sender + "' may not send documents for claim " + doc.claimNumber().trim()
                + "; its claims are " + allowed + " (medcase.security.users[].allowed-claims)");
    }
}
