package com.medcase.hold;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Holds in memory, for tests and tools. */
public final class InMemoryHoldRepository implements HoldRepository {

    private final Map<String, LegalHold> holds = new LinkedHashMap<>();
    private final Map<String, Set<String>> items = new HashMap<>();

    @Override
    public synchronized void save(LegalHold hold) {
        holds.put(hold.id(), hold);
    }

    @Override
    public synchronized Optional<LegalHold> find(String holdId) {
        return Optional.ofNullable(holds.get(holdId));
    }

    @Override
    public synchronized List<LegalHold> all() {
        return new ArrayList<>(holds.values());
    }

    @Override
    public synchronized Set<String> addItems(String holdId, Set<String> itemIds, String addedBy) {
        Set<String> current = items.computeIfAbsent(holdId, k -> new HashSet<>());
        Set<String> added = new HashSet<>();
        for (String id : itemIds) {
            if (current.add(id)) {
                added.add(id);
            }
        }
        return added;
    }

    @Override
    public synchronized Set<String> removeItems(String holdId, Set<String> itemIds) {
        Set<String> current = items.getOrDefault(holdId, new HashSet<>());
        Set<String> removed = new HashSet<>();
        for (String id : itemIds) {
            if (current.remove(id)) {
                removed.add(id);
            }
        }
        return removed;
    }

    @Override
    public synchronized Set<String> itemsOf(String holdId) {
        return Set.copyOf(items.getOrDefault(holdId, Set.of()));
    }

    @Override
    public synchronized Set<String> activeHoldsOf(String itemId) {
        Set<String> result = new HashSet<>();
        items.forEach((holdId, ids) -> {
            if (ids.contains(itemId) && holds.get(holdId).active()) {
                result.add(holdId);
            }
        });
        return result;
    }
}
