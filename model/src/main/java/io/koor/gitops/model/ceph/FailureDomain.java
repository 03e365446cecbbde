package io.koor.gitops.model.ceph;

/** Where Ceph puts the copies of a placement group apart from each other. */
public enum FailureDomain {
    /** One copy per host: survives the loss of a whole node. The production choice. */
    HOST("host"),
    /** One copy per drive: copies may share a node. Only for test clusters. */
    OSD("osd");

    private final String crushName;

    FailureDomain(String crushName) {
        this.crushName = crushName;
    }

    public String crushName() {
        return crushName;
    }
}
