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
    static Devices attachedVolumes() {
        return new AttachedVolumes();
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

    record AttachedVolumes() implements Devices {
        /** Kernel names of the first {@code count} attached volumes. */
        public List<String> names(int count) {
            return java.util.stream.IntStream.range(0, count).mapToObj(i -> "sd" + (char) ('b' + i)).toList();
        }
    }

    record Matching(String regex) implements Devices {
    }
}
