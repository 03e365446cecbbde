package io.koor.gitops.hetzner;

import io.koor.gitops.model.ConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may reach the cluster from the internet: the networks (CIDR, IPv4 or IPv6) allowed to SSH to
 * the nodes and to reach the Kubernetes API on 6443. Nothing else is open on the public side.
 * Provisioning itself connects over SSH to join the nodes, so the SSH ranges must include the
 * machine that provisions.
 */
public record AdminSources(List<String> ssh, List<String> api) {
    private static final List<String> ANYWHERE = List.of("0.0.0.0/0", "::/0");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern CIDR = Pattern.compile("([0-9A-Fa-f:.]+)/(\\d{1,3})");

    public AdminSources {
        ssh = checked("sshSources", ssh);
        api = checked("apiSources", api);
    }

    /** Open to every address, as before any restriction is given. */
    public static AdminSources anywhere() {
        return new AdminSources(ANYWHERE, ANYWHERE);
    }

    /** Empty lists mean anywhere. */
    public static AdminSources of(List<String> ssh, List<String> api) {
        return new AdminSources(ssh.isEmpty() ? ANYWHERE : ssh, api.isEmpty() ? ANYWHERE : api);
    }

    private static List<String> checked(String setting, List<String> ranges) {
        if (ranges.isEmpty() || ranges.size() > 100) {
            throw new ConfigurationException(setting, String.valueOf(ranges), "give 1 to 100 networks (Hetzner's limit per rule)");
        }
        ranges.forEach(r -> check(setting, r));
        return List.copyOf(ranges);
    }

    private static void check(String setting, String range) {
        Matcher m = CIDR.matcher(range == null ? "" : range);
        String usage = "not a network in CIDR notation; write e.g. 203.0.113.0/24, 198.51.100.7/32 or 2001:db8::/32";
        if (!m.matches()) {
            throw new ConfigurationException(setting, range, usage);
        }
        boolean v4 = IPV4.matcher(m.group(1)).matches();
        // only literals reach InetAddress, which then looks nothing up
        if (v4 ? java.util.Arrays.stream(m.group(1).split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255)
                : !m.group(1).contains(":")) {
            throw new ConfigurationException(setting, range, usage);
        }
        try {
            InetAddress address = InetAddress.getByName(m.group(1));
            int bits = address.getAddress().length * 8;
            if ((v4 && address.getAddress().length != 4) || Integer.parseInt(m.group(2)) > bits) {
                throw new ConfigurationException(setting, range, usage);
            }
        } catch (UnknownHostException e) {
            throw new ConfigurationException(setting, range, usage);
        }
    }
}
