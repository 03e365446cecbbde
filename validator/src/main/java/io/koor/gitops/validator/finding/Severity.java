package io.koor.gitops.validator.finding;

/** How bad a finding is; see DESIGN.md for the policy each level promises. */
public enum Severity {
    ERROR, WARNING, NOTE;

    /** The lowest severity that fails a run: {@code error}, {@code warning} or {@code note}. */
    public static Severity parseFailOn(String value) {
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(String.valueOf(value).strip())) {
                return s;
            }
        }
        throw new io.koor.gitops.model.ConfigurationException("failOn", value, "use error, warning or note");
    }
}
