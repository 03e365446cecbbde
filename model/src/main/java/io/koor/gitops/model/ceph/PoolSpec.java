package io.koor.gitops.model.ceph;

import io.koor.gitops.model.ModelException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** What every Ceph pool declares: protection, failure domain, device class and compression. */
public record PoolSpec(Protection protection, FailureDomain failureDomain, Optional<String> deviceClass,
                       Compression compression) {
    static final Pattern DEVICE_CLASS = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public PoolSpec {
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(failureDomain, "failureDomain");
        Objects.requireNonNull(deviceClass, "deviceClass");
        Objects.requireNonNull(compression, "compression");
        if (deviceClass.isPresent() && !DEVICE_CLASS.matcher(deviceClass.get()).matches()) {
            throw ModelException.of("deviceClass", "deviceClass='" + deviceClass.get() + "': use a CRUSH device class"
                    + " such as hdd, ssd or nvme");
        }
    }

    public static PoolSpec replicated(int size) {
        return new PoolSpec(Protection.replicated(size), FailureDomain.HOST, Optional.empty(), Compression.NONE);
    }

    public static PoolSpec erasureCoded(int dataChunks, int codingChunks) {
        return new PoolSpec(Protection.erasureCoded(dataChunks, codingChunks), FailureDomain.HOST, Optional.empty(),
                Compression.NONE);
    }

    public PoolSpec failureDomain(FailureDomain domain) {
        return new PoolSpec(protection, domain, deviceClass, compression);
    }

    public PoolSpec deviceClass(String name) {
        return new PoolSpec(protection, failureDomain, Optional.of(name), compression);
    }

    public PoolSpec compression(Compression mode) {
        return new PoolSpec(protection, failureDomain, deviceClass, mode);
    }

    public boolean isReplicated() {
        return protection instanceof Protection.Replicated;
    }
}
