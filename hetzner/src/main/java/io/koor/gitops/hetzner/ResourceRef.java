package io.koor.gitops.hetzner;

import java.util.Map;

/** Names one resource of the cluster: names are unique per kind in a Hetzner project, so kind and name are its key. */
public record ResourceRef(ResourceKind kind, String name) {
    /** Its id among those found or created so far: what it refers to is found or created first, so missing is a bug. */
    public long idIn(Map<ResourceRef, Long> ids) {
        Long id = ids.get(this);
        if (id == null) {
            throw new IllegalStateException("no id for the " + this + ": it was neither found nor created before it was needed");
        }
        return id;
    }

    @Override
    public String toString() {
        return kind.label() + " " + name;
    }
}
