package io.koor.gitops.maven;

import io.koor.gitops.generator.schema.SchemaValidator;
import io.koor.gitops.generator.schema.Severity;
import java.util.Locale;

/** Parses the goals' string parameters into the core's types, with messages naming the property. */
final class Options {
    private Options() {
    }

    static SchemaValidator.MissingSchemaPolicy missingSchemas(String value) {
        try {
            return SchemaValidator.MissingSchemaPolicy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gitops.missingSchemas=" + value + ": use skip or fail", e);
        }
    }

    static Severity failOn(String value) {
        try {
            return Severity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gitops.failOn=" + value + ": use error, warning or note", e);
        }
    }
}
