package io.koor.gitops.model.values;

import io.koor.gitops.model.ModelException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact release version such as {@code v1.20.6} or {@code 1.32.4}. Ranges, wildcards and
 * partial versions are refused: a GitOps tree must say exactly what it installs.
 */
public record Version(String text, int major, int minor, int patch) implements Comparable<Version> {
    private static final Pattern EXACT = Pattern.compile("v?(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,6})(-[0-9A-Za-z.-]+)?");

    public static Version parse(String text) {
        Matcher m = text == null ? null : EXACT.matcher(text);
        if (m == null || !m.matches()) {
            throw ModelException.of("", "'" + text + "' is not an exact version: pin one release such as"
                    + " 'v1.20.6' (ranges, '*' and partial versions float and are refused)");
        }
        return new Version(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return text;
    }
}
