package com.medcase.model;

/** Prints what the MedCase model defines; the quickstart shows it when no service jar was built. */
public final class ModelSummary {

    private ModelSummary() {
    }

    public static void main(String[] args) {
        ModelDefinitions model = ModelDefinitions.load();
        System.out.printf("Model %s (%s)%n", model.name(), model.namespaces().get(MedCaseModel.PREFIX));
        model.classes().values().forEach(c -> System.out.printf("  %-7s %-26s %2d properties%s%n",
                c.kind() == ModelDefinitions.ClassKind.TYPE ? "type" : "aspect", c.name(), c.properties().size(),
                c.parent() == null ? "" : ", extends " + c.parent()));
        System.out.printf("  %d constraints, %d properties in all%n", model.constraints().size(), model.allProperties().size());
    }
}
