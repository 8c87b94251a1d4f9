package com.medcase.consent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One claimant's authorizations, indexed by recipient authority so that a decision looks only at
 * the few authorizations that name the requester or one of its groups. Immutable snapshot: a
 * change (new authorization, revocation) builds a new one.
 */
public final class ClaimantConsents {

    private static final Authorization[] NONE = new Authorization[0];

    private final String claimantId;
    private final List<Authorization> all;
    private final Map<String, Authorization[]> byRecipient;

    private ClaimantConsents(String claimantId, List<Authorization> all) {
        this.claimantId = claimantId;
        this.all = List.copyOf(all);
        Map<String, List<Authorization>> grouped = new HashMap<>();
        for (Authorization a : all) {
            if (!a.claimantId().equals(claimantId)) {
                throw new IllegalArgumentException("Authorization " + a.id() + " belongs to claimant " + a.claimantId()
                        + ", not " + claimantId);
            }
            grouped.computeIfAbsent(a.recipient().authority(), k -> new ArrayList<>()).add(a);
        }
        Map<String, Authorization[]> index = new HashMap<>();
        grouped.forEach((k, v) -> index.put(k, v.toArray(NONE)));
        this.byRecipient = Map.copyOf(index);
    }

    public static ClaimantConsents of(String claimantId, Collection<Authorization> authorizations) {
        return new ClaimantConsents(claimantId, new ArrayList<>(authorizations));
    }

    public String claimantId() {
        return claimantId;
    }

    public List<Authorization> all() {
        return all;
    }

    /** A copy in which the authorization with the same id is replaced (or added). */
    public ClaimantConsents with(Authorization changed) {
        List<Authorization> next = new ArrayList<>(all.size() + 1);
        for (Authorization a : all) {
            if (!a.id().equals(changed.id())) {
                next.add(a);
            }
        }
        next.add(changed);
        return new ClaimantConsents(claimantId, next);
    }

    Authorization[] naming(String authority) {
        Authorization[] found = byRecipient.get(authority);
        return found == null ? NONE : found;
    }
}
