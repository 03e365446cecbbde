package io.koor.gitops.model;

/**
 * A setting given to an operation that cannot be used (a version that is not X.Y.Z, an unknown
 * report format). It names the setting in neutral words; each front end spells it its own way
 * ({@code gitops.kubernetesVersion=...} in Maven, {@code --kubernetes-version ...} on the command line).
 */
public final class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** How a front end writes a setting and its value. */
    @FunctionalInterface
    public interface Spelling {
        String of(String setting, String value);

        /** The neutral form, for library users: {@code kubernetesVersion=1.x}. */
        Spelling NEUTRAL = (setting, value) -> setting + "=" + value;
    }

    private final String setting;
    private final String value;
    private final String problem;

    /**
     * @param setting the setting's name in lowerCamelCase, as the Maven parameter is called
     * @param problem what is wrong and how to fix it
     */
    public ConfigurationException(String setting, String value, String problem) {
        super(Spelling.NEUTRAL.of(setting, value) + ": " + problem);
        this.setting = setting;
        this.value = value;
        this.problem = problem;
    }

    private ConfigurationException(String problem) {
        super(problem);
        this.setting = null;
        this.value = null;
        this.problem = problem;
    }

    /** Something outside the front end's settings is missing or wrong (an environment variable, a file). */
    public static ConfigurationException ofEnvironment(String problem) {
        return new ConfigurationException(problem);
    }

    /** The setting's name, or null when the problem lies outside the settings. */
    public String setting() {
        return setting;
    }

    public String message(Spelling spelling) {
        return setting == null ? problem : spelling.of(setting, value) + ": " + problem;
    }
}
