package com.medcase.service.retention;

import com.medcase.retention.LegalMinimum;
import com.medcase.retention.RetentionRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Map;

/**
 * {@code medcase.retention.*}: the legal floors and how schedules combine, bound from configuration.
 *
 * @param legalMinimums  e.g. {@code legal-minimums[0]: {category: "*", jurisdiction: US-CA, trigger: LAST_DATE_OF_SERVICE,
 *                       minimum: P7Y, citation: "Cal. H&S 123145"}}; a schedule below one is refused naming it
 * @param overlap        REFUSE (default) or LONGER_APPLIES
 * @param ageOfMajority  jurisdiction to age of majority (default 18), for CLAIMANT_REACHES_MAJORITY
 * @param planningBatch  records planned per transaction by the disposition planner
 * @param planningParallelism connections planning a backlog at once on PostgreSQL (disjoint partitions of
 *                       the records; 1: one at a time; H2 always one)
 * @param transferDirectory where TRANSFER dispositions deliver a record (content and metadata) before it is
 *                          destroyed; empty: {@code <medcase.home>/transfer}
 */
@ConfigurationProperties(prefix = "medcase.retention")
public record RetentionProperties(@DefaultValue List<LegalMinimum> legalMinimums,
                                  @DefaultValue("REFUSE") RetentionRules.OverlapPolicy overlap,
                                  @DefaultValue Map<String, Integer> ageOfMajority,
                                  @DefaultValue("5000") int planningBatch,
                                  @DefaultValue("2") int planningParallelism,
                                  @DefaultValue("") String transferDirectory) {

    public RetentionRules rules() {
        return new RetentionRules(legalMinimums, overlap);
    }
}
