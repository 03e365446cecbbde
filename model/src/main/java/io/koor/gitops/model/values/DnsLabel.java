package io.koor.gitops.model.values;

import io.koor.gitops.model.ModelException;
import java.util.regex.Pattern;

/**
 * An RFC 1123 label: the only kind of name that may become a Kubernetes object name or a path
 * segment of the generated tree. Validating names here is what keeps {@code ../../etc} out of paths.
 */
public record DnsLabel(String value) implements Comparable<DnsLabel> {
    private static final Pattern LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    public DnsLabel {
        if (value == null || !LABEL.matcher(value).matches()) {
            throw ModelException.of("", "'" + value + "' is not a DNS label: use 1 to 63 lower-case letters,"
                    + " digits and '-', starting with a letter and ending with a letter or digit (e.g. 'demo')");
        }
    }

    public static DnsLabel of(String value) {
        return new DnsLabel(value);
    }

    @Override
    public int compareTo(DnsLabel other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
