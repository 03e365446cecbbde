package io.koor.gitops.model.apps;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.Resources;
import java.util.Objects;
import java.util.Optional;

/**
 * A Java application whose Kubernetes manifests Dekorate generated ({@code META-INF/dekorate/kubernetes.yml},
 * read by the generator's {@code DekorateManifests} from the application's jar or build directory), placed in
 * {@code apps/} with the tree's policies applied: its own namespace, the standard labels, a tagged image
 * (no {@code latest}, no {@code -SNAPSHOT}), a non-root UID with no privileges and a read-only root
 * filesystem (an emptyDir at {@code /tmp}), requests and a memory limit (from the manifest, or {@link #resources}
 * where it has none), replicas spread across nodes, and a default-deny NetworkPolicy.
 *
 * @param source   where the manifest came from (a jar or directory), named in every error
 * @param manifest the YAML Dekorate wrote
 * @param resources added to containers that declare no requests and limits; empty reports them instead
 * @param user     the UID the pods run as where the manifest names none (the image's USER)
 */
public record DekorateApplication(DnsLabel name, DnsLabel namespace, String source, String manifest,
                                  Optional<Resources> resources, int user) {
    public DekorateApplication {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(resources, "resources");
        Problems problems = new Problems();
        problems.require(!manifest.isBlank(), "manifest", source + " holds no manifests; build the application"
                + " with Dekorate's annotation processor on its class path");
        problems.require(user > 0, "user", "user=" + user + ": pods run as a non-root UID, e.g. "
                + Workload.DEFAULT_USER);
        problems.throwIfAny();
    }

    /** The application {@code name}, in a namespace of that name, running as {@value Workload#DEFAULT_USER}. */
    public static DekorateApplication of(String name, String source, String manifest) {
        DnsLabel label = Problems.at("name", () -> DnsLabel.of(name));
        return Problems.at("dekorate[" + name + "]", () -> new DekorateApplication(label, label, source, manifest,
                Optional.empty(), Workload.DEFAULT_USER));
    }

    public DekorateApplication namespace(String ns) {
        return new DekorateApplication(name, Problems.at("dekorate[" + name + "].namespace", () -> DnsLabel.of(ns)),
                source, manifest, resources, user);
    }

    /** Requests and limits for the containers the manifest gives none. */
    public DekorateApplication resources(Resources perContainer) {
        return new DekorateApplication(name, namespace, source, manifest, Optional.of(perContainer), user);
    }

    public DekorateApplication user(int uid) {
        return Problems.at("dekorate[" + name + "]", () -> new DekorateApplication(name, namespace, source, manifest,
                resources, uid));
    }
}
