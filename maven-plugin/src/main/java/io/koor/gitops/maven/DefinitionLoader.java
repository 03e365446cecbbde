package io.koor.gitops.maven;

import io.koor.gitops.model.GitOpsDefinition;
import io.koor.gitops.model.GitOpsSystem;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.project.MavenProject;

/**
 * Loads the project's definition class from its compiled classes and runtime dependencies.
 * The plugin's own loader is the parent, so {@link GitOpsDefinition} is one and the same type
 * on both sides.
 */
final class DefinitionLoader {
    static final class DefinitionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DefinitionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final MavenProject project;

    DefinitionLoader(MavenProject project) {
        this.project = project;
    }

    GitOpsSystem load(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, classLoader());
        } catch (ClassNotFoundException e) {
            throw new DefinitionException("gitops.definition=" + className + " is not among the project's compiled"
                    + " classes; check the name, and run the goal after compile (e.g. mvn compile gitops:generate)", e);
        }
        if (!GitOpsDefinition.class.isAssignableFrom(type)) {
            throw new DefinitionException("gitops.definition=" + className + " does not implement "
                    + GitOpsDefinition.class.getName(), null);
        }
        try {
            GitOpsDefinition definition = (GitOpsDefinition) type.getDeclaredConstructor().newInstance();
            GitOpsSystem system = definition.system();
            if (system == null) {
                throw new DefinitionException(className + ".system() returned null; return GitOpsSystem.of(...)", null);
            }
            return system;
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new DefinitionException(className + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime; // ModelException and friends carry their own message
            }
            throw new DefinitionException(className + " failed: " + e.getCause(), e.getCause());
        }
    }

    private ClassLoader classLoader() {
        try {
            List<URL> urls = new ArrayList<>();
            for (String element : project.getRuntimeClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
            return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new DefinitionException("cannot build the project's class path: " + e.getMessage(), e);
        }
    }
}
