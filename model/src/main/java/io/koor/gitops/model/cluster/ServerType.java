package io.koor.gitops.model.cluster;

import io.koor.gitops.model.ModelException;
import java.util.regex.Pattern;

/**
 * A Hetzner Cloud server type such as {@code cx33}, {@code cpx42} or {@code ccx23}, with its memory,
 * which the Ceph daemons' requests are checked against. Known types come by name ({@link #of});
 * a type Hetzner added since needs its memory given ({@link #custom}), so no check is skipped silently.
 */
public record ServerType(String name, int memoryGb) {
    private static final Pattern NAME = Pattern.compile("[a-z]{2,4}[0-9]{1,3}");

    public ServerType {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ModelException.of("", "'" + name + "' is not a Hetzner server type: use a name such as"
                    + " 'cx33', 'cpx42' or 'ccx23' (see GET /server_types)");
        }
        if (memoryGb < 1) {
            throw ModelException.of("", "server type " + name + " with memoryGb=" + memoryGb + ": give its memory in GB");
        }
    }

    /** A type this toolkit knows; an unknown name is refused with the known ones and the way out. */
    public static ServerType of(String name) {
        new ServerType(name, 1); // the name's shape first, for its own message
        Integer gb = MEMORY_GB.get(name);
        if (gb == null) {
            throw ModelException.of("", "'" + name + "' is not a server type this toolkit knows ("
                    + String.join(", ", new java.util.TreeSet<>(MEMORY_GB.keySet())) + "); if Hetzner offers it now,"
                    + " give its memory: ServerType.custom(\"" + name + "\", GB)");
        }
        return new ServerType(name, gb);
    }

    /** A type Hetzner offers that this toolkit does not list yet, with its memory (GET /server_types says it). */
    public static ServerType custom(String name, int memoryGb) {
        return new ServerType(name, memoryGb);
    }

    /** Memory of the Hetzner server types known when this was written (Hetzner's price list, 2026). */
    private static final java.util.Map<String, Integer> MEMORY_GB = java.util.Map.ofEntries(
            java.util.Map.entry("cx23", 4), java.util.Map.entry("cx33", 8), java.util.Map.entry("cx43", 16),
            java.util.Map.entry("cx53", 32), java.util.Map.entry("cpx22", 4), java.util.Map.entry("cpx32", 8),
            java.util.Map.entry("cpx42", 16), java.util.Map.entry("cpx52", 24), java.util.Map.entry("cpx62", 32),
            java.util.Map.entry("cax11", 4), java.util.Map.entry("cax21", 8), java.util.Map.entry("cax31", 16),
            java.util.Map.entry("cax41", 32), java.util.Map.entry("ccx13", 8), java.util.Map.entry("ccx23", 16),
            java.util.Map.entry("ccx33", 32), java.util.Map.entry("ccx43", 64), java.util.Map.entry("ccx53", 128),
            java.util.Map.entry("ccx63", 192));

    @Override
    public String toString() {
        return name;
    }
}
