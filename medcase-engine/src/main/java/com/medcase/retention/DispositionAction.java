package com.medcase.retention;

/** What happens at the end of retention; {@link #modelValue()} is the mc:dispositionAction value. */
public enum DispositionAction {
    DESTROY_CONTENT_KEEP_METADATA("destroyContent"),
    DESTROY_ENTIRELY("destroyEntirely"),
    TRANSFER("transfer"),
    REVIEW("review");

    private final String modelValue;

    DispositionAction(String modelValue) {
        this.modelValue = modelValue;
    }

    public String modelValue() {
        return modelValue;
    }

    public boolean destroys() {
        return this == DESTROY_CONTENT_KEEP_METADATA || this == DESTROY_ENTIRELY;
    }
}
