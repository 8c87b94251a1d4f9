package com.medcase.importing.filedrop;

import java.time.LocalDate;
import java.util.Set;

/** One document of a drop, as its manifest describes it. */
public record ManifestEntry(int line, String file, String claimNumber, String familyName, String givenName, LocalDate dateOfBirth,
                            String category, LocalDate serviceFrom, LocalDate serviceTo, String sha256, Set<String> sensitivityLabels,
                            String providerName, String providerNpi) {
}
