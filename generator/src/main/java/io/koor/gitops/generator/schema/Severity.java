package io.koor.gitops.generator.schema;

/** How bad a finding is; see DESIGN.md for the policy each level promises. */
public enum Severity {
    ERROR, WARNING, NOTE
}
