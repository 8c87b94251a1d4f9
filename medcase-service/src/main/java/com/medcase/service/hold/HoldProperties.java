package com.medcase.service.hold;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code medcase.holds.*}.
 *
 * @param urgentPreservation records managers may place an urgent preservation hold that takes effect at
 *                           once and awaits a legal hold administrator's confirmation (default true)
 */
@ConfigurationProperties(prefix = "medcase.holds")
public record HoldProperties(@DefaultValue("true") boolean urgentPreservation) { }
