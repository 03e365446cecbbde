package io.koor.gitops.model;

import java.lang.reflect.InvocationTargetException;

/**
 * Loads a repository's definition class, for every front end: the Maven goals give the project's
 * class path, the command line the one its configuration names. Problems are
 * {@link ConfigurationException}s naming the {@code definition} setting; a definition that cannot
 * work throws its own {@link ModelException}.
 */
public final class Definitions {
    private Definitions() {
    }

    /** @param loader where the class and what it uses are found */
    public static GitOpsSystem load(String className, ClassLoader loader) {
        if (className == null || className.isBlank()) {
            throw new ConfigurationException("definition", "(none)",
                    "name the class implementing " + GitOpsDefinition.class.getName());
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException("definition", className, "no such class on the class path; check the name,"
                    + " and compile the definition first (e.g. mvn compile)");
        }
        if (!GitOpsDefinition.class.isAssignableFrom(type)) {
            throw new ConfigurationException("definition", className, "does not implement "
                    + GitOpsDefinition.class.getName());
        }
        try {
            GitOpsSystem system = ((GitOpsDefinition) type.getDeclaredConstructor().newInstance()).system();
            if (system == null) {
                throw new ConfigurationException("definition", className, "system() returned null; return GitOpsSystem.of(...)");
            }
            return system;
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new ConfigurationException("definition", className, "needs a public no-argument constructor");
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ModelException model) {
                throw model;
            }
            throw new ConfigurationException("definition", className, "failed while building the system: " + e.getCause());
        }
    }
}
