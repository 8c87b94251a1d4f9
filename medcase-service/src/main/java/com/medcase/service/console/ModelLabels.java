package com.medcase.service.console;

import com.medcase.model.ModelDefinitions;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Labels of the content model for the console, read from the model's own label bundles (platform-module
 * {@code messages/medcaseModel*.properties}, the ones Share shows), never retyped: property and class titles
 * ({@code mc_caseModel.property.mc_caseNumber.title}) and LIST constraint values
 * ({@code listconstraint.mc_caseTypeList.workersCompensation}), in the console's language. Which constraint a
 * property uses comes from the model XML. Templates call it as {@code @modelLabels}.
 */
@Component("modelLabels")
public class ModelLabels {

    private static final String MODEL_KEY = "mc_caseModel";

    private final MessageSource messages;
    /** The model's properties, read once (the model XML is parsed at start-up, not per page). */
    private final Map<String, ModelDefinitions.PropertyDef> modelProperties = ModelDefinitions.load().allProperties();

    ModelLabels(MessageSource messages) {
        this.messages = messages;
    }

    /** One labelled metadata row. */
    public record Row(String name, String label, String value) {
    }

    /** Title of a type, aspect or property ({@code mc:recordCategory}); the name itself when the bundle has none. */
    public String of(String qname) {
        String local = qname.replace(':', '_');
        for (String kind : List.of("property", "type", "aspect", "association")) {
            String label = message(MODEL_KEY + "." + kind + "." + local + ".title");
            if (label != null) {
                return label;
            }
        }
        return qname;
    }

    /** A value as the model labels it: a list-constrained value by its label, dates in the console's language. */
    public String value(String property, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> many) {
            return many.stream().map(v -> value(property, v)).collect(Collectors.joining(", "));
        }
        if (value instanceof LocalDate date) {
            return date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(LocaleContextHolder.getLocale()));
        }
        ModelDefinitions.PropertyDef def = modelProperties.get(property);
        if (def != null) {
            for (String constraint : def.constraintRefs()) {
                String label = message("listconstraint." + constraint.replace(':', '_') + "." + value);
                if (label != null) {
                    return label;
                }
            }
        }
        return value.toString();
    }

    /** A value of a LIST constraint by the constraint's property, e.g. {@code ('mc:caseType', 'disability')}. */
    public String valueOf(String property, String value) {
        return value(property, value);
    }

    /** Every property of a node, labelled, in the model's order where it knows them. */
    public List<Row> rows(Map<String, Object> properties) {
        List<Row> rows = new ArrayList<>();
        for (String name : modelProperties.keySet()) {
            if (properties.containsKey(name)) {
                rows.add(new Row(name, of(name), value(name, properties.get(name))));
            }
        }
        properties.keySet().stream().filter(n -> !modelProperties.containsKey(n)).sorted()
                .forEach(n -> rows.add(new Row(n, of(n), value(n, properties.get(n)))));
        return rows;
    }

    private String message(String key) {
        return messages.getMessage(key, null, null, LocaleContextHolder.getLocale());
    }
}
