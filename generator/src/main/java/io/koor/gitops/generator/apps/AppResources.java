package io.koor.gitops.generator.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The text of a file the generator ships under {@code io/koor/gitops/generator/apps/}: scripts, configurations. */
final class AppResources {
    private AppResources() {
    }

    static String text(String path) {
        try (InputStream in = AppResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the generator jar lacks apps/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read apps/" + path + ": " + e.getMessage(), e);
        }
    }
}
