package com.medcase.hold;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Storage of holds and their items. The JDBC store implements it; tests use the in-memory one. */
public interface HoldRepository {

    void save(LegalHold hold);

    Optional<LegalHold> find(String holdId);

    List<LegalHold> all();

    /** Adds items to a hold; returns those not already in it. */
    Set<String> addItems(String holdId, Set<String> itemIds, String addedBy);

    /** Removes items from a hold; returns those that were in it. */
    Set<String> removeItems(String holdId, Set<String> itemIds);

    Set<String> itemsOf(String holdId);

    /** Ids of the ACTIVE holds containing the item. */
    Set<String> activeHoldsOf(String itemId);
}
