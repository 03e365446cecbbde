package io.koor.gitops.model.ceph;

import io.koor.gitops.model.Problems;

/** How a pool keeps data safe: whole copies, or erasure-coded chunks. */
public sealed interface Protection permits Protection.Replicated, Protection.ErasureCoded {

    /** Failure domains (hosts, or OSDs) needed to place one object's copies or chunks apart. */
    int domainsNeeded();

    /** Raw bytes stored per byte of data: 3.0 for three copies, 1.5 for 4+2. */
    double overhead();

    /** In words, for reports: "3 copies" or "erasure coded 4+2". */
    String describe();

    static Replicated replicated(int size) {
        return new Replicated(size, true);
    }

    static ErasureCoded erasureCoded(int dataChunks, int codingChunks) {
        return new ErasureCoded(dataChunks, codingChunks);
    }

    record Replicated(int size, boolean requireSafeReplicaSize) implements Protection {
        public Replicated {
            Problems problems = new Problems();
            problems.require(size >= 1 && size <= 7, "replicas",
                    "replicas=" + size + ": a replicated pool keeps 1 to 7 copies; 3 is the production choice");
            problems.require(size != 1 || !requireSafeReplicaSize, "replicas",
                    "replicas=1 keeps a single copy and loses data with any drive; use 3, or a single-copy pool made"
                            + " for testing (BlockPool.singleCopyForTesting)");
            problems.throwIfAny();
        }

        @Override
        public int domainsNeeded() {
            return size;
        }

        @Override
        public double overhead() {
            return size;
        }

        @Override
        public String describe() {
            return size == 1 ? "1 copy (no redundancy)" : size + " copies";
        }
    }

    record ErasureCoded(int dataChunks, int codingChunks) implements Protection {
        public ErasureCoded {
            Problems problems = new Problems();
            problems.require(dataChunks >= 2, "dataChunks", "dataChunks=" + dataChunks
                    + ": Rook needs at least 2 data chunks; 2+1, 4+2 and 8+3 are common");
            problems.require(codingChunks >= 1, "codingChunks", "codingChunks=" + codingChunks
                    + ": at least 1 coding chunk, 2 for data anyone wants back");
            problems.require(dataChunks + codingChunks <= 20, "dataChunks", "k+m=" + (dataChunks + codingChunks)
                    + " chunks; keep k+m at 20 or fewer");
            problems.throwIfAny();
        }

        @Override
        public int domainsNeeded() {
            return dataChunks + codingChunks;
        }

        @Override
        public double overhead() {
            return (double) (dataChunks + codingChunks) / dataChunks;
        }

        @Override
        public String describe() {
            return "erasure coded " + dataChunks + "+" + codingChunks;
        }
    }
}
