package io.koor.gitops.model.access;

import io.koor.gitops.model.ModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who may do what in a cluster, by the groups people's credentials carry (an OIDC groups claim, or a
 * client certificate's organisation): platform admins may do anything, demo guests may look at the
 * workloads and the storage but not touch them, read no Secret and open no shell. A role without
 * groups gets no binding; with no group at all the tree writes no RBAC.
 *
 * @param platformAdmins groups bound to the {@code platform-admin} ClusterRole
 * @param guests         groups bound to the read-only {@code demo-guest} ClusterRole
 */
public record Access(List<String> platformAdmins, List<String> guests) {
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._@/-]{0,252}");

    public Access {
        platformAdmins = List.copyOf(platformAdmins);
        guests = List.copyOf(guests);
    }

    /** No RBAC in the tree: the default. */
    public static Access none() {
        return new Access(List.of(), List.of());
    }

    /** Members of this group may do anything in the cluster. */
    public Access platformAdmins(String group) {
        check("access.platformAdmins", group);
        if (group.startsWith("system:")) {
            // system:authenticated would make every account an administrator
            throw ModelException.of("access.platformAdmins", "'" + group + "' is a group Kubernetes fills itself;"
                    + " name a group of your identity provider, such as platform-admins");
        }
        return new Access(add(platformAdmins, group), guests);
    }

    /** Members of this group may look, read-only, at workloads and storage. */
    public Access guests(String group) {
        check("access.guests", group);
        if (group.equals("system:unauthenticated")) {
            throw ModelException.of("access.guests", "'" + group + "' is everyone without credentials;"
                    + " name a group of your identity provider, such as demo-guests");
        }
        return new Access(platformAdmins, add(guests, group));
    }

    public boolean isEmpty() {
        return platformAdmins.isEmpty() && guests.isEmpty();
    }

    private static void check(String path, String group) {
        if (group == null || !GROUP.matcher(group).matches()) {
            throw ModelException.of(path, "'" + group + "' is not a group name: letters, digits and ':._@/-',"
                    + " starting with a letter or digit, such as demo-guests");
        }
    }

    private static List<String> add(List<String> groups, String group) {
        List<String> all = new ArrayList<>(groups);
        if (!all.contains(group)) {
            all.add(group);
        }
        return all;
    }
}
