package io.koor.gitops.model.values;

import io.koor.gitops.model.ModelException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 network in CIDR notation, normalised (no host bits set). */
public record Cidr(long address, int prefix) {
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public static Cidr parse(String text) {
        Matcher m = text == null ? null : CIDR.matcher(text);
        String usage = "'" + text + "' is not an IPv4 network: write 'a.b.c.d/n' with n from 8 to 30 and no host bits,"
                + " e.g. '10.244.0.0/16'";
        if (m == null || !m.matches()) {
            throw ModelException.of("", usage);
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw ModelException.of("", usage);
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix < 8 || prefix > 30 || (address & ~mask(prefix)) != 0) {
            throw ModelException.of("", usage);
        }
        return new Cidr(address, prefix);
    }

    private static long mask(int prefix) {
        return (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    public boolean overlaps(Cidr other) {
        long common = mask(Math.min(prefix, other.prefix));
        return (address & common) == (other.address & common);
    }

    @Override
    public String toString() {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                + (address & 255) + "/" + prefix;
    }
}
