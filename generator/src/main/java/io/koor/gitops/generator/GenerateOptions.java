package io.koor.gitops.generator;

import io.koor.gitops.model.ConfigurationException;
import io.koor.gitops.validator.ValidationOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@code generate} and {@code check} work, with the defaults in one place ({@link #builder}).
 *
 * @param outputDirectory where {@code clusters/}, {@code infrastructure/} and {@code apps/} go
 * @param generatedFrom   what generated files name as their source (the definition class)
 * @param validation      how the tree is validated before it is written: the same settings as {@code validate};
 *                        the Kubernetes releases come from the definition's clusters
 * @param force           replace or delete generated files that were edited by hand
 */
public record GenerateOptions(Path outputDirectory, String generatedFrom, ValidationOptions validation, boolean force) {

    public GenerateOptions {
        Objects.requireNonNull(validation, "validation");
    }

    public static Builder builder(Path outputDirectory, String generatedFrom) {
        return new Builder(outputDirectory, generatedFrom);
    }

    public static final class Builder {
        private final Path outputDirectory;
        private final String generatedFrom;
        private ValidationOptions validation = ValidationOptions.builder().build();
        private boolean force;

        private Builder(Path outputDirectory, String generatedFrom) {
            if (outputDirectory == null) {
                throw new ConfigurationException("outputDirectory", "(none)", "give the directory the tree is written to");
            }
            if (generatedFrom == null || generatedFrom.isBlank()) {
                throw new ConfigurationException("definition", String.valueOf(generatedFrom),
                        "give the definition class the tree is generated from");
            }
            this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
            this.generatedFrom = generatedFrom;
        }

        public Builder validation(ValidationOptions value) {
            validation = value;
            return this;
        }

        public Builder force(boolean value) {
            force = value;
            return this;
        }

        public GenerateOptions build() {
            return new GenerateOptions(outputDirectory, generatedFrom, validation, force);
        }
    }
}
