package io.koor.gitops.lab;

import io.koor.gitops.model.ceph.FailureDomain;
import io.koor.gitops.model.ceph.PoolSpec;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a map that {@code crushtool --build} made (hosts of equal size, root named
 * {@code root}) into the layout's map: OSDs a host lacks are dropped, device classes tagged, host
 * weights follow their OSDs, the root is called {@code default} as in a real cluster, and the rules
 * are the pools' own. Tunables and bucket algorithms stay as crushtool chose them.
 */
final class CrushMapText {
    private static final Pattern DEVICE = Pattern.compile("device (\\d+) osd\\.(\\d+)");
    private static final Pattern BUCKET = Pattern.compile("(\\w+) (\\S+) \\{");
    private static final Pattern OSD_ITEM = Pattern.compile("\\titem osd\\.(\\d+) weight .*");
    static final int PATIENT_TRIES = 1000;
    private static final Pattern HOST_ITEM = Pattern.compile("\\titem host(\\d+) weight .*");

    private CrushMapText() {
    }

    /**
     * @param built the decompiled map of {@code --num_osds hosts*perHost ... host straw2 perHost}
     * @param perHost OSDs per host in the built map: the layout's largest host
     * @param rules the rules' text, from {@link #rule}
     */
    static String edit(String built, CrushLayout layout, int perHost, String rules) {
        StringBuilder out = new StringBuilder();
        String bucket = "";
        for (String line : built.split("\n", -1)) {
            if (line.equals("# rules")) {
                break;
            }
            Matcher device = DEVICE.matcher(line);
            Matcher open = BUCKET.matcher(line);
            Matcher osdItem = OSD_ITEM.matcher(line);
            Matcher hostItem = HOST_ITEM.matcher(line);
            if (device.matches()) {
                String deviceClass = classOf(layout, perHost, Integer.parseInt(device.group(1)));
                if (deviceClass != null) {
                    out.append(line).append(" class ").append(deviceClass).append('\n');
                }
            } else if (open.matches()) {
                bucket = open.group(1);
                out.append(bucket.equals("root") ? "root default {" : line).append('\n');
            } else if (line.startsWith("\t# weight")) {
                continue; // a comment crushtool -d wrote from the old weights
            } else if (bucket.equals("host") && osdItem.matches()) {
                if (classOf(layout, perHost, Integer.parseInt(osdItem.group(1))) != null) {
                    out.append(line).append('\n');
                }
            } else if (bucket.equals("root") && hostItem.matches()) {
                int host = Integer.parseInt(hostItem.group(1));
                out.append(String.format(Locale.ROOT, "\titem host%d weight %.3f%n", host,
                        (double) layout.hosts().get(host).osdClasses().size()));
            } else {
                out.append(line).append('\n');
            }
        }
        return out.append("# rules\n").append(rules).append("# end crush map\n").toString();
    }

    /** The device class of the built map's OSD, or null when the layout's host has no such OSD. */
    private static String classOf(CrushLayout layout, int perHost, int osd) {
        List<String> classes = layout.hosts().get(osd / perHost).osdClasses();
        int slot = osd % perHost;
        return slot < classes.size() ? classes.get(slot) : null;
    }

    /**
     * The rule Ceph itself makes for the pool (CrushWrapper::add_simple_rule_at): replicated pools
     * choose firstn, erasure-coded ones indep with more tries; failure domain osd means choosing the
     * OSDs directly, and a device class takes that class's shadow tree. With {@code patient}, the
     * rule tries {@value #PATIENT_TRIES} times where Ceph's gives up after 50 (replicated) or 100
     * (erasure coded), which tells a layout without room from CRUSH giving up too soon.
     */
    static String rule(int id, PoolSpec spec, boolean patient) {
        boolean replicated = spec.isReplicated();
        String mode = replicated ? "firstn" : "indep";
        String choose = spec.failureDomain() == FailureDomain.HOST ? "chooseleaf " + mode + " 0 type host"
                : "choose " + mode + " 0 type osd";
        return "rule pool" + id + " {\n"
                + "\tid " + id + "\n"
                + "\ttype " + (replicated ? "replicated" : "erasure") + "\n"
                + (replicated ? "\tmin_size 1\n\tmax_size 10\n" : "\tmin_size 3\n\tmax_size 20\n")
                + (replicated ? "" : "\tstep set_chooseleaf_tries 5\n")
                + (patient ? "\tstep set_choose_tries " + PATIENT_TRIES + "\n" : replicated ? "" : "\tstep set_choose_tries 100\n")
                + "\tstep take default" + spec.deviceClass().map(c -> " class " + c).orElse("") + "\n"
                + "\tstep " + choose + "\n"
                + "\tstep emit\n"
                + "}\n";
    }
}
