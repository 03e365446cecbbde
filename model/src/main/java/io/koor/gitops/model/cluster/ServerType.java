package io.koor.gitops.model.cluster;

import io.koor.gitops.model.ModelException;
import java.util.regex.Pattern;

/** A Hetzner Cloud server type name such as {@code cx32}, {@code cpx41} or {@code ccx23}. */
public record ServerType(String name) {
    private static final Pattern NAME = Pattern.compile("[a-z]{2,4}[0-9]{1,3}");

    public ServerType {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ModelException.of("", "'" + name + "' is not a Hetzner server type: use a name such as"
                    + " 'cx32', 'cpx41' or 'ccx23' (see GET /server_types)");
        }
    }

    public static ServerType of(String name) {
        return new ServerType(name);
    }

    /** Memory of the Hetzner server types known when this was written; other names are unknown (empty). */
    private static final java.util.Map<String, Integer> MEMORY_GB = java.util.Map.ofEntries(
            java.util.Map.entry("cx23", 4), java.util.Map.entry("cx33", 8), java.util.Map.entry("cx43", 16),
            java.util.Map.entry("cx53", 32), java.util.Map.entry("cpx22", 4), java.util.Map.entry("cpx32", 8),
            java.util.Map.entry("cpx42", 16), java.util.Map.entry("cpx52", 24), java.util.Map.entry("cpx62", 32),
            java.util.Map.entry("cax11", 4), java.util.Map.entry("cax21", 8), java.util.Map.entry("cax31", 16),
            java.util.Map.entry("cax41", 32), java.util.Map.entry("ccx13", 8), java.util.Map.entry("ccx23", 16),
            java.util.Map.entry("ccx33", 32), java.util.Map.entry("ccx43", 64), java.util.Map.entry("ccx53", 128),
            java.util.Map.entry("ccx63", 192));

    public java.util.OptionalInt memoryGb() {
        Integer gb = MEMORY_GB.get(name);
        return gb == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(gb);
    }

    @Override
    public String toString() {
        return name;
    }
}
