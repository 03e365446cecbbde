package io.koor.gitops.generator.render;

import io.koor.gitops.model.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Finds the manifests Dekorate wrote for a Java application: in its jar, or in its build directory. */
public final class DekorateManifests {
    /** Where Dekorate's annotation processor writes the plain Kubernetes manifests, inside the class output. */
    public static final String ENTRY = "META-INF/dekorate/kubernetes.yml";

    private DekorateManifests() {
    }

    /**
     * The YAML of {@code location}: a jar holding {@value #ENTRY}, a class output directory holding it, or a
     * project directory whose {@code target/classes} (Maven) or {@code build/classes/java/main} (Gradle) does.
     */
    public static String read(Path location) {
        if (Files.isRegularFile(location)) {
            try (ZipFile jar = new ZipFile(location.toFile())) {
                ZipEntry entry = jar.getEntry(ENTRY);
                if (entry == null) {
                    throw ConfigurationException.ofEnvironment(location + " has no " + ENTRY + "; build the application"
                            + " with Dekorate's annotation processor (io.dekorate:kubernetes-annotations) on its class path");
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (java.util.zip.ZipException e) {
                throw ConfigurationException.ofEnvironment(location + " is not a jar (" + e.getMessage()
                        + "); name the application's jar or its build directory");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + location, e);
            }
        }
        List<Path> candidates = List.of(location.resolve(ENTRY), location.resolve("target/classes").resolve(ENTRY),
                location.resolve("build/classes/java/main").resolve(ENTRY));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                try {
                    return Files.readString(candidate);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot read " + candidate, e);
                }
            }
        }
        throw ConfigurationException.ofEnvironment("no Dekorate manifests for " + location + ": looked for "
                + String.join(", ", candidates.stream().map(Path::toString).toList())
                + "; build the application first (mvn compile), or name its jar");
    }
}
