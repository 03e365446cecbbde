package io.koor.gitops.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The lab's ceph.conf: everything under one directory, every address on 127.0.0.1, and the
 * settings measured to make a throw-away cluster on one machine start in seconds and notice dead
 * daemons in about 20 s (see ../shared/notes/local-ceph.md). Placement-group autoscaling is off and
 * pools get {@value #PG_NUM} PGs, so that "every PG active+clean" means the pools as created.
 */
final class CephConf {
    static final int PG_NUM = 8;
    /** Small memory-backed OSDs; BlueStore's sparse files are large, for 3 GiB ones filled up before the full checks reacted. */
    static final long MEMSTORE_BYTES = 1L << 30;
    static final long BLUESTORE_BYTES = 20L << 30;

    private CephConf() {
    }

    /**
     * @param osdHosts each OSD id's CRUSH host, in id order
     * @param gateways each object store's RGW port
     */
    static String text(Path dir, String fsid, int monPort, boolean bluestore, List<String> osdHosts,
                       Map<String, Integer> gateways) {
        StringBuilder conf = new StringBuilder();
        conf.append("[global]\n")
                .append("fsid = ").append(fsid).append('\n')
                .append("mon host = v2:127.0.0.1:").append(monPort).append('\n')
                .append("public addr = 127.0.0.1\n")
                .append("public network = 127.0.0.1/32\n")
                .append("ms bind msgr1 = false\n")
                .append("keyring = ").append(dir.resolve("keyring")).append('\n')
                .append("log file = ").append(dir.resolve("log")).append("/$name.log\n")
                .append("pid file = ").append(dir.resolve("run")).append("/$name.pid\n")
                .append("run dir = ").append(dir.resolve("run")).append('\n')
                // clients too, or parallel CLI calls clash on one socket
                .append("admin socket = ").append(dir.resolve("run")).append("/$name.$pid.asok\n")
                .append("auth allow insecure global id reclaim = false\n")
                .append("mon allow pool delete = true\n")
                .append("mon allow pool size one = true\n")
                .append("mon max pg per osd = 1000\n")
                .append("mon data avail warn = 2\n")
                .append("mon data avail crit = 1\n")
                .append("osd pool default pg num = ").append(PG_NUM).append('\n')
                .append("osd pool default pgp num = ").append(PG_NUM).append('\n')
                .append("osd pool default pg autoscale mode = off\n")
                .append("paxos propose interval = 0.05\n")
                .append("paxos min wait = 0.01\n")
                .append("mgr stats period = 1\n")
                .append("mgr tick period = 1\n")
                .append("osd mon report interval = 1\n")
                .append("osd beacon report interval = 5\n")
                .append("mon osd report timeout = 20\n")
                .append("rados osd op timeout = 120\n")
                .append("osd crush update on start = true\n")
                .append("osd class update on start = true\n");
        if (bluestore) {
            conf.append("osd objectstore = bluestore\n")
                    .append("bluestore block create = true\n")
                    .append("bluestore block size = ").append(BLUESTORE_BYTES).append('\n')
                    .append("bluestore fsck on mkfs = false\n")
                    .append("osd memory target = 536870912\n");
        } else {
            conf.append("osd objectstore = memstore\n")
                    .append("memstore device bytes = ").append(MEMSTORE_BYTES).append('\n');
        }
        conf.append("\n[mon]\nmon data = ").append(dir).append("/$name\n");
        conf.append("\n[mgr]\nmgr data = ").append(dir).append("/$name\n");
        conf.append("\n[mds]\nmds data = ").append(dir).append("/$name\n");
        conf.append("\n[osd]\nosd data = ").append(dir).append("/$name\n");
        for (int id = 0; id < osdHosts.size(); id++) {
            conf.append("\n[osd.").append(id).append("]\ncrush location = root=default host=").append(osdHosts.get(id))
                    .append('\n');
        }
        gateways.forEach((store, port) -> conf.append("\n[client.rgw.").append(store).append("]\n")
                .append("rgw frontends = beast endpoint=127.0.0.1:").append(port).append('\n')
                .append("rgw data = ").append(dir).append("/$name\n")
                .append("rgw realm = ").append(store).append('\n')
                .append("rgw zonegroup = ").append(store).append('\n')
                .append("rgw zone = ").append(store).append('\n'));
        return conf.toString();
    }
}
