package io.koor.gitops.model.cluster;

import io.koor.gitops.model.ModelException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Hetzner Cloud locations, with the network zone their private networks live in. */
public enum HetznerLocation {
    FSN1("fsn1", "eu-central", "Falkenstein, DE"),
    NBG1("nbg1", "eu-central", "Nuremberg, DE"),
    HEL1("hel1", "eu-central", "Helsinki, FI"),
    ASH("ash", "us-east", "Ashburn, VA, US"),
    HIL("hil", "us-west", "Hillsboro, OR, US"),
    SIN("sin", "ap-southeast", "Singapore, SG");

    private final String code;
    private final String networkZone;
    private final String city;

    HetznerLocation(String code, String networkZone, String city) {
        this.code = code;
        this.networkZone = networkZone;
        this.city = city;
    }

    public String code() {
        return code;
    }

    public String networkZone() {
        return networkZone;
    }

    public String city() {
        return city;
    }

    public static HetznerLocation fromCode(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst()
                .orElseThrow(() -> ModelException.of("", "'" + code + "' is not a Hetzner location: use one of "
                        + Arrays.stream(values()).map(HetznerLocation::code).collect(Collectors.joining(", "))));
    }
}
