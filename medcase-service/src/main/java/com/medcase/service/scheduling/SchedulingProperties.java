package com.medcase.service.scheduling;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code medcase.scheduling.*}: the governance scheduler.
 *
 * @param enabled                   false: no job runs on this node (it still serves the API)
 * @param instanceId                this node's id in the cluster; AUTO: host name and start time
 * @param owner                     the administrator job runs are audited on behalf of when nothing more specific is known
 * @param consentExpiryPeriod       expiry and future-dated revocations take effect within this period (at most 1 minute)
 * @param dispositionPlanningPeriod due dates computed and due records queued
 * @param holdCoveragePeriod        records of held cases checked to be in their holds
 * @param clusterCheckinInterval    how often a node tells the others it is alive; a node silent for longer has its
 *                                  interrupted jobs recovered by another
 */
@Validated
@ConfigurationProperties(prefix = "medcase.scheduling")
public record SchedulingProperties(@DefaultValue("true") boolean enabled,
                                   @DefaultValue("AUTO") @NotBlank String instanceId,
                                   @DefaultValue("admin") @NotBlank String owner,
                                   @DefaultValue("2") @Positive int threads,
                                   @DefaultValue("20s") Duration consentExpiryPeriod,
                                   @DefaultValue("60s") Duration dispositionPlanningPeriod,
                                   @DefaultValue("10m") Duration holdCoveragePeriod,
                                   @DefaultValue("7500ms") Duration clusterCheckinInterval) {

    public SchedulingProperties {
        if (consentExpiryPeriod.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("medcase.scheduling.consent-expiry-period is " + consentExpiryPeriod
                    + "; expiry and dated revocations must take effect within a minute: use 1m or less");
        }
    }
}
