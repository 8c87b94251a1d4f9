package com.medcase.service.console;

import com.medcase.retention.RetentionSchedule;
import com.medcase.retention.TriggerEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/** Retention periods in words, in the console's language: "7 years after the case is closed". Templates: {@code @periods}. */
@Component("periods")
public class Periods {

    private final MessageSource messages;

    Periods(MessageSource messages) {
        this.messages = messages;
    }

    public String of(Period period) {
        if (period == null || period.isZero()) {
            return message("period.none");
        }
        List<String> parts = new ArrayList<>();
        if (period.getYears() != 0) {
            parts.add(message("period.years", period.getYears()));
        }
        if (period.getMonths() != 0) {
            parts.add(message("period.months", period.getMonths()));
        }
        if (period.getDays() != 0) {
            parts.add(message("period.days", period.getDays()));
        }
        return String.join(message("period.and"), parts);
    }

    public String after(Period period, TriggerEvent trigger) {
        return message("period.after", of(period), message("trigger.after." + trigger.name()));
    }

    /** The whole rule of a schedule, its alternative term included. */
    public String rule(RetentionSchedule s) {
        String rule = after(s.retainFor(), s.trigger());
        if (s.alternativeTrigger() != null && s.alternativeRetainFor() != null && s.combination() != null) {
            rule = message("period.combined." + s.combination().name(), rule, after(s.alternativeRetainFor(), s.alternativeTrigger()));
        }
        return rule;
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
