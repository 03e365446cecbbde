package io.koor.gitops.model.cost;

import io.koor.gitops.model.cluster.ServerType;
import java.util.Map;
import java.util.Optional;

/**
 * Monthly prices for the cost estimate in each cluster's README: dated, because Hetzner changes
 * them, and replaceable with your own (the Hetzner module reads live ones from {@code GET /pricing}).
 *
 * @param date     when these prices were observed
 * @param source   where they come from, said next to every estimate
 * @param servers       net monthly price per server type
 * @param loadBalancers net monthly price per load balancer type (the API's, for a highly available control plane)
 */
public record PriceTable(String date, String source, String currency, Map<String, Double> servers,
                         double volumePerGbMonth, double ipv4PerMonth, Map<String, Double> loadBalancers) {
    /** The load balancer type in front of a highly available control plane. */
    public static final String API_LOAD_BALANCER = "lb11";

    public PriceTable {
        servers = Map.copyOf(servers);
        loadBalancers = Map.copyOf(loadBalancers);
    }

    /**
     * A third-party snapshot taken 2026-09-08 (nbg1, EUR, net, after the April and June 2026 increases);
     * the volume price is the 2024 API price raised 30% as announced for April 2026. Unverified:
     * check against {@code GET /pricing} before relying on it.
     */
    public static PriceTable snapshot2026() {
        return new PriceTable("2026-09-08", "third-party snapshot of Hetzner's prices, unverified; check GET /pricing",
                "EUR", Map.ofEntries(
                        Map.entry("cx23", 5.49), Map.entry("cx33", 8.49), Map.entry("cx43", 15.99), Map.entry("cx53", 29.49),
                        Map.entry("cpx22", 19.49), Map.entry("cpx32", 35.49), Map.entry("cpx42", 69.49),
                        Map.entry("cpx52", 100.49), Map.entry("cpx62", 129.99), Map.entry("ccx13", 42.99),
                        Map.entry("ccx23", 85.99), Map.entry("ccx33", 138.49), Map.entry("ccx43", 275.99)),
                0.057, 0.50, Map.of()); // the snapshot has no load balancer prices: they show as unpriced
    }

    public Optional<Double> server(ServerType type) {
        return Optional.ofNullable(servers.get(type.name()));
    }

    public Optional<Double> loadBalancer(String type) {
        return Optional.ofNullable(loadBalancers.get(type));
    }
}
