package io.koor.gitops.model;

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

    @Override
    public String toString() {
        return name;
    }
}
