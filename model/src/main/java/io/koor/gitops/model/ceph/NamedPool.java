package io.koor.gitops.model.ceph;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import java.util.Objects;

/** A data pool of a filesystem, with the name Ceph gives it ({@code <filesystem>-<name>}). */
public record NamedPool(DnsLabel name, PoolSpec spec) {
    public NamedPool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
    }

    public static NamedPool of(String name, PoolSpec spec) {
        return new NamedPool(Problems.at("name", () -> DnsLabel.of(name)), spec);
    }
}
