package io.koor.gitops.model.apps;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An application that is not an operator's, at the level of intent (as cdk8s-plus has it): its own
 * namespace, its workloads, the files they mount, the web routes it exposes, and the other
 * applications it talks to. The generator renders it with the tree's policies: standard labels, a
 * default-deny NetworkPolicy with exactly the allows these declarations imply (ingress from the
 * ingress controller to what is exposed, DNS, the object store for bucket users, the named
 * applications), pinned images, resources, non-root pods spread across nodes.
 *
 * @param talksTo other applications of the cluster whose Services its pods connect to
 */
public record Application(DnsLabel name, DnsLabel namespace, List<Workload> workloads, List<AppConfig> configs,
                          List<WebRoute> routes, List<DnsLabel> talksTo) {
    /** Namespaces that belong to Kubernetes itself. */
    private static final Set<String> RESERVED = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    public Application {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        workloads = List.copyOf(workloads);
        configs = List.copyOf(configs);
        routes = List.copyOf(routes);
        talksTo = List.copyOf(talksTo);
        Problems problems = new Problems();
        problems.require(!RESERVED.contains(namespace.value()), "namespace", "namespace='" + namespace
                + "' belongs to Kubernetes; give the application its own, e.g. '" + name + "'");
        Set<DnsLabel> names = new HashSet<>();
        workloads.forEach(w -> problems.require(names.add(w.name()), "workloads[" + w.name() + "]",
                "two workloads are named " + w.name() + "; rename one"));
        Set<DnsLabel> configNames = new HashSet<>();
        configs.forEach(c -> problems.require(configNames.add(c.name()), "configs[" + c.name() + "]",
                "two configs are named " + c.name() + "; rename one"));
        for (Workload w : workloads) {
            for (Workload.Mount m : w.mounts()) {
                String at = "workloads[" + w.name() + "].mounts[" + m.path() + "]";
                Optional<AppConfig> config = configs.stream().filter(c -> c.name().equals(m.config())).findFirst();
                problems.require(config.isPresent(), at, "mounts config " + m.config() + ", which the application does"
                        + " not have; add config(AppConfig.named(\"" + m.config() + "\")...)");
                m.key().ifPresent(key -> config.ifPresent(c -> problems.require(
                        c.files().stream().anyMatch(f -> f.key().equals(key)), at, "config " + m.config()
                                + " has no file " + key + " (it has " + keys(c) + ")")));
            }
        }
        Set<String> hosts = new HashSet<>();
        for (WebRoute r : routes) {
            String at = "routes[" + r.host() + r.path() + "]";
            problems.require(hosts.add(r.host() + r.path()), at, r.host() + r.path() + " is routed twice");
            Optional<Workload> target = workloads.stream().filter(w -> w.name().equals(r.workload())).findFirst();
            problems.require(target.isPresent(), at, "routes to workload " + r.workload() + ", which the application"
                    + " does not have (it has " + workloads.stream().map(w -> w.name().value()).toList() + ")");
            target.ifPresent(w -> problems.require(w.ports().stream().anyMatch(p -> p.name().equals(r.port())), at,
                    "workload " + w.name() + " has no port " + r.port() + " (it has "
                            + w.ports().stream().map(Workload.Port::name).toList() + "); add port(\"" + r.port() + "\", 8080)"));
        }
        talksTo.forEach(t -> problems.require(!t.equals(name), "talksTo[" + t + "]",
                "an application reaches its own workloads already; name another application"));
        problems.require(new HashSet<>(talksTo).size() == talksTo.size(), "talksTo", "an application is named twice");
        problems.throwIfAny();
    }

    private static String keys(AppConfig config) {
        return String.join(", ", config.files().stream().map(AppConfig.File::key).toList());
    }

    /** An application in a namespace of its own name. */
    public static Application named(String name) {
        DnsLabel label = Problems.at("name", () -> DnsLabel.of(name));
        return new Application(label, label, List.of(), List.of(), List.of(), List.of());
    }

    /** Another namespace than its name; it is still the application's alone. */
    public Application namespace(String namespace) {
        return change(a -> new Application(name, Problems.at("namespace", () -> DnsLabel.of(namespace)), workloads,
                configs, routes, talksTo));
    }

    public Application workload(Workload workload) {
        return change(a -> new Application(name, namespace, plus(workloads, workload), configs, routes, talksTo));
    }

    public Application config(AppConfig config) {
        return change(a -> new Application(name, namespace, workloads, plus(configs, config), routes, talksTo));
    }

    /** Exposes a workload's port outside the cluster through the ingress controller. */
    public Application route(WebRoute route) {
        return change(a -> new Application(name, namespace, workloads, configs, plus(routes, route), talksTo));
    }

    /** Lets this application's pods connect to the Services of {@code application}, and that one accept them. */
    public Application talksTo(String application) {
        DnsLabel other = Problems.at("talksTo", () -> DnsLabel.of(application));
        return change(a -> new Application(name, namespace, workloads, configs, routes, plus(talksTo, other)));
    }

    public Optional<Workload> workload(DnsLabel workloadName) {
        return workloads.stream().filter(w -> w.name().equals(workloadName)).findFirst();
    }

    private Application change(Function<Application, Application> build) {
        return Problems.at("applications[" + name + "]", () -> build.apply(this));
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> more = new ArrayList<>(list);
        more.add(Objects.requireNonNull(item));
        return more;
    }
}
