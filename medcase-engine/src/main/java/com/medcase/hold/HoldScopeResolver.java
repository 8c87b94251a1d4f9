package com.medcase.hold;

import java.util.Set;

/** Resolves a scope to record ids; the service implements it over the repository. */
@FunctionalInterface
public interface HoldScopeResolver {
    Set<String> resolve(HoldScope scope);
}
