package io.koor.gitops.cli;

import io.koor.gitops.model.ConfigurationException;
import io.koor.gitops.model.Definitions;
import io.koor.gitops.model.GitOpsSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Which definition a command acts on. Taken from {@code --definition} and {@code --classpath}, else
 * from {@code GITOPS_DEFINITION} and {@code GITOPS_CLASSPATH}, else from the nearest
 * {@value #CONFIG_FILE} in the working directory or above it ({@code definition=} and {@code classpath=},
 * paths relative to that file). The toolkit itself knows no definition.
 */
final class DefinitionOptions {
    static final String CONFIG_FILE = "gitops.properties";

    @Option(names = "--definition", paramLabel = "CLASS", description = "the class implementing GitOpsDefinition"
            + " (default: GITOPS_DEFINITION, or definition= in the nearest " + CONFIG_FILE + ")")
    String definition;

    @Option(names = "--classpath", paramLabel = "PATHS", description = "where the definition's classes are,"
            + " separated by ':' (default: GITOPS_CLASSPATH, or classpath= in " + CONFIG_FILE + ")")
    String classpath;

    GitOpsSystem load() {
        String className = definition;
        String paths = classpath;
        Path base = Path.of("").toAbsolutePath();
        if (className == null) {
            className = System.getenv("GITOPS_DEFINITION");
            paths = paths != null ? paths : System.getenv("GITOPS_CLASSPATH");
        }
        if (className == null) {
            Optional<Path> config = nearestConfig(base);
            if (config.isEmpty()) {
                throw new ConfigurationException("definition", "(none)", "give --definition CLASS, set"
                        + " GITOPS_DEFINITION, or write definition=CLASS into a " + CONFIG_FILE);
            }
            Properties properties = read(config.get());
            className = properties.getProperty("definition");
            paths = paths != null ? paths : properties.getProperty("classpath");
            base = config.get().getParent();
        }
        return Definitions.load(className, classLoader(base, paths));
    }

    private static Optional<Path> nearestConfig(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(CONFIG_FILE))) {
                return Optional.of(d.resolve(CONFIG_FILE));
            }
        }
        return Optional.empty();
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static ClassLoader classLoader(Path base, String paths) {
        List<URL> urls = new ArrayList<>();
        if (paths != null) {
            for (String entry : paths.split(":")) {
                if (entry.isBlank()) {
                    continue;
                }
                try {
                    urls.add(base.resolve(entry.strip()).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new ConfigurationException("classpath", entry, "not a path");
                }
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), DefinitionOptions.class.getClassLoader());
    }
}
