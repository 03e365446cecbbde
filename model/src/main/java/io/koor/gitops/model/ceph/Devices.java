package io.koor.gitops.model.ceph;

import io.koor.gitops.model.ModelException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Which block devices of the storage nodes Rook turns into OSDs. */
public sealed interface Devices {

    /**
     * The Hetzner volumes attached to each storage node, by their kernel names: the server's own
     * disk is {@code sda}, the volumes follow as {@code sdb}, {@code sdc}, ... The default.
     */
    static AttachedVolumes attachedVolumes() {
        return new AttachedVolumes(List.of());
    }

    /** Every device whose name matches a regular expression, e.g. {@code ^sd[b-z]}. */
    static Devices matching(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw ModelException.of("devices", "'" + regex + "' is not a regular expression: " + e.getDescription());
        }
        return new Matching(regex);
    }

    /**
     * @param deviceClasses the CRUSH device class of each drive slot, the same on every storage node
     *                      ({@code sdb}'s first); empty: Ceph detects each drive's class itself
     */
    record AttachedVolumes(List<String> deviceClasses) implements Devices {
        public AttachedVolumes {
            deviceClasses = List.copyOf(deviceClasses);
            for (int i = 0; i < deviceClasses.size(); i++) {
                if (!PoolSpec.DEVICE_CLASS.matcher(deviceClasses.get(i)).matches()) {
                    throw ModelException.of("devices.deviceClasses[" + i + "]", "'" + deviceClasses.get(i)
                            + "' is not a CRUSH device class; use one such as hdd, ssd or nvme");
                }
            }
        }

        /**
         * The same volumes, each drive slot with its CRUSH device class, e.g. {@code deviceClasses("ssd",
         * "hdd")}: every node's {@code sdb} is ssd and {@code sdc} hdd. Give one class per drive of a node.
         */
        public AttachedVolumes deviceClasses(String... perDrive) {
            return new AttachedVolumes(List.of(perDrive));
        }

        /** Kernel names of the first {@code count} attached volumes. */
        public List<String> names(int count) {
            return java.util.stream.IntStream.range(0, count).mapToObj(i -> "sd" + (char) ('b' + i)).toList();
        }
    }

    record Matching(String regex) implements Devices {
    }
}
