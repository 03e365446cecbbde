package io.koor.gitops.generator.tree;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * The child process of {@code TreeWriterKillTest}: writes tree A, then B, then A... into a
 * directory until it is killed, or (with {@code recover}) only rolls back what the last one left.
 * A short sleep before every step keeps it inside a transaction most of the time, where a kill hurts.
 *
 * <p>Usage: {@code KillableWriter DIR write|recover SEED}; prints {@code ready} once it is busy.
 */
public final class KillableWriter {
    private KillableWriter() {
    }

    static final GitOpsTree A = trees(1);
    static final GitOpsTree B = trees(2);

    /** A and B differ in every way a generate changes a tree: files created, updated, deleted, directories made and emptied. */
    private static GitOpsTree trees(int version) {
        GitOpsTree.Builder b = GitOpsTree.builder();
        for (int i = 0; i < 6; i++) {
            b.add(TreePath.of("clusters/demo/part-" + i + ".yaml"), "version: " + version + "\n");
        }
        b.add(TreePath.of("infrastructure/configs/demo/ceph/cephcluster.yaml"), "ceph: " + version + "\n");
        String only = version == 1 ? "ceph-filesystems" : "ceph-objectstores";
        for (int i = 0; i < 4; i++) {
            b.add(TreePath.of("infrastructure/configs/demo/" + only + "/deep/item-" + i + ".yaml"), "item: " + i + "\n");
        }
        b.add(TreePath.of("apps/demo-v" + version + "/kustomization.yaml"), "resources: []\n");
        return b.build();
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[2]));
        TreeWriter.StepHook slow = new TreeWriter.StepHook() {
            @Override
            public void beforeStep(int step) {
                pause(random);
            }

            @Override
            public void beforeUndo(int step) {
                pause(random);
            }
        };
        TreeWriter writer = new TreeWriter(root, slow, Duration.ofSeconds(30));
        if (args[1].equals("recover")) {
            System.out.println("ready");
            System.out.flush();
            writer.recover();
            return;
        }
        for (int i = 0; ; i++) {
            writer.write(i % 2 == 0 ? A : B, false);
            if (i == 0) {
                System.out.println("ready"); // started and past its first write: from now on every write changes the tree
                System.out.flush();
            }
        }
    }

    private static void pause(Random random) {
        try {
            Thread.sleep(1 + random.nextInt(4));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
