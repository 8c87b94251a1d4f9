package com.medcase.service.storage;

import com.medcase.store.H2FileUpkeep;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A database of this process that an administrator should see, by a name that says which one it is. Configurations
 * declare one bean per database; {@link DatabaseFiles} lists those whose database is an H2 file kept here.
 */
public interface DatabaseFileSource {

    /** What the database holds, in an administrator's words ("service database"). */
    String name();

    /** The upkeep of its H2 file; empty when it is not an H2 file of this process (PostgreSQL, ACS): its own server watches it. */
    Optional<H2FileUpkeep> upkeep();

    static DatabaseFileSource of(String name, Supplier<Optional<H2FileUpkeep>> upkeep) {
        return new DatabaseFileSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<H2FileUpkeep> upkeep() {
                return upkeep.get();
            }
        };
    }
}
