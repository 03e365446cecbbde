package io.koor.gitops.model.access;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.presets.Versions;
import io.koor.gitops.model.values.AcmeIssuer;
import io.koor.gitops.model.values.HostName;
import io.koor.gitops.model.values.Version;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Sign-in through Dex (dexidp/helm-charts' dex chart) with GitHub accounts: the API server takes Dex's ID tokens
 * (kubectl with an OIDC login plugin), and a published Grafana signs people in with it. Dex's GitHub connector
 * names a user's groups {@code org:team} by the team's slug, so the {@link Access} groups of a cluster with sign-on
 * are teams of {@code gitHubOrganisation}, such as {@code koor-tech:demo-guests}, and only members of those teams can
 * sign in. The OAuth app's client id and secret are never in Git: the operator puts them into a Secret the cluster
 * README names.
 *
 * @param host               Dex's public host name; its https URL is the issuer
 * @param issuer             the ACME issuer of its certificate: production, since the API server and Grafana verify it
 * @param gitHubOrganisation the GitHub organisation whose teams the groups are
 * @param chart              the dex chart's version
 */
public record SingleSignOn(String host, AcmeIssuer issuer, String gitHubOrganisation, Version chart) {
    /** Put before every user and group name the API server takes from Dex's tokens, so none can pass for another's. */
    public static final String PREFIX = "oidc:";
    /** The client the API server accepts tokens for (their audience), a public client as kubectl plugins need. */
    public static final String KUBERNETES_CLIENT = "kubernetes";
    /** GitHub's rule for organisation names: letters, digits and single hyphens, not at either end. */
    private static final Pattern ORGANISATION = Pattern.compile("[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}");

    public SingleSignOn {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(chart, "chart");
        if (!HostName.isValid(host)) {
            throw ModelException.of("access.signOn.host", "host='" + host + "' is not a host name such as"
                    + " login.demo.example.com");
        }
        if (issuer == AcmeIssuer.LETS_ENCRYPT_STAGING) {
            // the API server and Grafana fetch Dex's discovery document and keys over TLS and trust neither
            throw ModelException.of("access.signOn.issuer", "Dex needs a certificate the API server and Grafana trust;"
                    + " Let's Encrypt's staging certificates are not: use AcmeIssuer.LETS_ENCRYPT_PRODUCTION");
        }
        if (gitHubOrganisation == null || !ORGANISATION.matcher(gitHubOrganisation).matches()) {
            throw ModelException.of("access.signOn.gitHubOrganisation", "'" + gitHubOrganisation + "' is not a GitHub"
                    + " organisation name: letters, digits and single hyphens, such as koor-tech");
        }
    }

    /** Dex at {@code host} with a Let's Encrypt certificate, signing in members of teams of {@code gitHubOrganisation}. */
    public static SingleSignOn dexAt(String host, String gitHubOrganisation) {
        return new SingleSignOn(host, AcmeIssuer.LETS_ENCRYPT_PRODUCTION, gitHubOrganisation,
                Version.parse(Versions.DEX_CHART));
    }

    public SingleSignOn chart(String version) {
        return new SingleSignOn(host, issuer, gitHubOrganisation, Version.parse(version));
    }

    /** The issuer URL: what the tokens' {@code iss} claim says and where the discovery document is. */
    public String issuerUrl() {
        return "https://" + host;
    }

    /** The team a group of this organisation names, if it is one ({@code koor-tech:demo-guests}: demo-guests). */
    public java.util.Optional<String> teamOf(String group) {
        String prefix = gitHubOrganisation + ":";
        return group.startsWith(prefix) && group.length() > prefix.length()
                ? java.util.Optional.of(group.substring(prefix.length())) : java.util.Optional.empty();
    }
}
