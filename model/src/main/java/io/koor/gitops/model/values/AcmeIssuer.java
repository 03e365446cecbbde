package io.koor.gitops.model.values;

/**
 * The ACME certificate authorities the tree can ask for certificates, each a cert-manager
 * ClusterIssuer of that name. Staging issues untrusted certificates under much higher rate limits:
 * use it until the HTTP-01 challenge works, then switch to production.
 */
public enum AcmeIssuer {
    LETS_ENCRYPT_STAGING("letsencrypt-staging", "https://acme-staging-v02.api.letsencrypt.org/directory"),
    LETS_ENCRYPT_PRODUCTION("letsencrypt-production", "https://acme-v02.api.letsencrypt.org/directory");

    private final String issuerName;
    private final String server;

    AcmeIssuer(String issuerName, String server) {
        this.issuerName = issuerName;
        this.server = server;
    }

    /** The ClusterIssuer's name, which Ingresses name in their {@code cert-manager.io/cluster-issuer} annotation. */
    public String issuerName() {
        return issuerName;
    }

    /** The ACME directory URL. */
    public String server() {
        return server;
    }
}
