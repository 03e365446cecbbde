package io.koor.gitops.model.cost;

import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.ServerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a cluster's nodes cost per month on Hetzner Cloud: servers by type, volumes, a primary IPv4
 * per server, and the API's load balancer when the control plane has several nodes. Shared by the cluster README and the provisioning plan.
 */
public record MonthlyCost(List<Line> lines, PriceTable prices) {

    /** One line: what, how many, the unit price (null when the table has none), and the monthly amount. */
    public record Line(String item, String quantity, Double unitPrice, double monthly) {
    }

    public MonthlyCost {
        lines = List.copyOf(lines);
    }

    public static MonthlyCost of(Cluster cluster, PriceTable prices) {
        Map<ServerType, Integer> servers = new LinkedHashMap<>();
        cluster.nodes().forEach(n -> servers.merge(n.serverType(), 1, Integer::sum));
        List<Line> lines = new ArrayList<>();
        servers.forEach((type, count) -> {
            Double price = prices.server(type).orElse(null);
            lines.add(new Line("server " + type, String.valueOf(count), price, price == null ? 0 : price * count));
        });
        long volumeGb = cluster.storage().rawCapacityGb();
        lines.add(new Line("volumes", volumeGb + " GB", prices.volumePerGbMonth(), volumeGb * prices.volumePerGbMonth()));
        int ips = cluster.nodes().size();
        lines.add(new Line("primary IPv4", String.valueOf(ips), prices.ipv4PerMonth(), ips * prices.ipv4PerMonth()));
        if (cluster.apiLoadBalanced()) {
            Double price = prices.loadBalancer(PriceTable.API_LOAD_BALANCER).orElse(null);
            lines.add(new Line("load balancer " + PriceTable.API_LOAD_BALANCER + " (API)", "1", price, price == null ? 0 : price));
        }
        return new MonthlyCost(lines, prices);
    }

    public double total() {
        return lines.stream().mapToDouble(Line::monthly).sum();
    }

    /** Items the price table has no price for; the total leaves them out. */
    public List<String> unpriced() {
        return lines.stream().filter(l -> l.unitPrice() == null).map(Line::item).toList();
    }
}
