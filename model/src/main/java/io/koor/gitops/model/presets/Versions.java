package io.koor.gitops.model.presets;

/**
 * The releases the patterns pin, in one place. Upgrading Rook or Ceph for every pattern (and the
 * demo) is a change here, reviewed like any other.
 */
public final class Versions {
    /**
     * A supported minor: 1.34 reached end of life on 2026-10-27, 1.35 is maintained until 2027-02-28
     * (kubernetes.io/releases). kubeadm, kubelet and kubectl come from pkgs.k8s.io's v1.35 repository.
     */
    public static final String KUBERNETES = "1.35.9";
    /** The Rook chart whose CRDs the validator's schemas describe (v1.20.6). */
    public static final String ROOK = "v1.20.6";
    /** Tentacle, as Rook v1.20.6's examples pin it: fixed for CVE-2025-30156 (see {@code CephAdvisories}). */
    public static final String CEPH_IMAGE = "quay.io/ceph/ceph:v20.2.4";
    /**
     * The network plugins: installed at bootstrap and then owned by the GitOps tree, with the same
     * release names, charts, versions and values, so that Flux takes the running release over.
     */
    public static final String CILIUM_CHART = "1.19.6";
    public static final String CALICO_CHART = "v3.32.2";
    public static final String MULTUS = "v4.2.2";
    /**
     * Platform charts the tree installs when its own objects need them (see {@code Platform}):
     * the CSI snapshot CRDs and controller (piraeus-charts snapshot-controller, external-snapshotter
     * v8.6.0), the Prometheus Operator CRDs (prometheus-community, operator v0.93.1), and Traefik
     * (v3.7.11) as the dashboard's ingress controller.
     */
    public static final String SNAPSHOT_CONTROLLER_CHART = "5.2.0";
    public static final String PROMETHEUS_OPERATOR_CRDS_CHART = "31.0.1";
    public static final String TRAEFIK_CHART = "41.3.0";
    /**
     * Monitoring, when the definition turns it on ({@code Monitoring}): prometheus-community's
     * kube-prometheus-stack (Prometheus Operator v0.93.1, Grafana chart 12.11.1) and
     * prometheus-blackbox-exporter (blackbox exporter v0.28.0), as released in
     * prometheus-community/helm-charts@cf408a29 charts/{kube-prometheus-stack,prometheus-blackbox-exporter}/Chart.yaml.
     */
    public static final String KUBE_PROMETHEUS_STACK_CHART = "88.5.3";
    public static final String BLACKBOX_EXPORTER_CHART = "11.17.2";
    /**
     * prometheus-community/helm-charts prometheus-pushgateway 3.8.0 (Pushgateway v1.11.3, its appVersion), where
     * benchmarks push their summaries when the tree has benchmarks and monitoring.
     */
    public static final String PUSHGATEWAY_CHART = "3.8.0";
    /** cert-manager (jetstack chart), when the definition asks for ACME certificates. */
    public static final String CERT_MANAGER_CHART = "v1.21.1";
    /** Hetzner's cloud controller manager (supports Kubernetes 1.33-1.36, its docs/reference/version-policy.md). */
    public static final String HCLOUD_CCM_CHART = "1.35.0";
    /**
     * CloudNativePG's operator chart (cloudnative-pg/charts, chart 0.28.3 is CloudNativePG 1.29.1;
     * 0.29.0 is 1.30.0). Both still run the in-tree Barman Cloud backups the tree declares, which
     * 1.31.0 removes (1.30.0 release notes).
     */
    public static final String CLOUDNATIVE_PG_CHART = "0.28.3";
    /**
     * mariadb-operator's chart (helm.mariadb.com/mariadb-operator, mariadb-operator/mariadb-operator
     * deploy/charts/mariadb-operator/Chart.yaml at tag v25.10.3): operator 25.10.3, with the
     * mariadb-operator-crds chart of the same version as its dependency behind {@code crds.enabled}.
     */
    public static final String MARIADB_OPERATOR_CHART = "25.10.3";
    /**
     * Velero: vmware-tanzu/helm-charts velero chart 11.2.0 is Velero 1.17.1, and velero-plugin-for-aws
     * v1.13.x is the line for Velero 1.17 (the plugin's README compatibility table at v1.13.2).
     */
    public static final String VELERO_CHART = "11.2.0";
    public static final String VELERO_AWS_PLUGIN = "velero/velero-plugin-for-aws:v1.13.2";
    /**
     * The stream's images. jrottenberg/ffmpeg tags each release {@code <long_version>-<variant>}
     * (.github/workflows/build.yml); 8.1.2-ubuntu2404 has libx264, libfreetype and DejaVu fonts for the
     * clock overlay, with ffmpeg as its entrypoint. The uploader is {@link #CURL_IMAGE}: curl signs S3
     * requests itself ({@code --aws-sigv4}). nginx-unprivileged 1.31.0-alpine runs nginx as uid 101 on port 8080.
     */
    public static final String STREAM_ENCODER_IMAGE = "jrottenberg/ffmpeg:8.1.2-ubuntu2404";
    public static final String STREAM_UPLOADER_IMAGE = Versions.CURL_IMAGE;
    public static final String STREAM_WEB_IMAGE = "nginxinc/nginx-unprivileged:1.31.0-alpine";

    /**
     * Logs: Loki 3.7.6 from grafana-community/helm-charts' loki chart 18.11.0 (where the chart is maintained since
     * March 2026; repository https://grafana-community.github.io/helm-charts), and Grafana Alloy v1.18.1 from
     * grafana/alloy's chart 1.11.1 (operations/helm/charts/alloy, repository https://grafana.github.io/helm-charts).
     */
    public static final String LOKI_CHART = "18.11.0";
    public static final String ALLOY_CHART = "1.11.1";
    /**
     * Sign-on: Dex v2.44.0 from dexidp/helm-charts' dex chart 0.24.0 (its appVersion, the image
     * ghcr.io/dexidp/dex:v2.44.0; repository https://charts.dexidp.io).
     */
    public static final String DEX_CHART = "0.24.0";
    /**
     * curl's own image (curl/curl-container: Alpine with busybox sh, user curl_user), for every script that
     * only needs curl: the stream's uploader, the visitor bot, the Data Control Center's session secret.
     */
    public static final String CURL_IMAGE = "curlimages/curl:8.21.0";
    /**
     * Koor Data Control Center: chart 0.3.7 of koor-tech/data-control-center (charts/data-control-center,
     * appVersion v0.6.0 at ae39c7f2, the tag v0.6.0), published at koor-tech.github.io/data-control-center;
     * its image is docker.io/koorinc/data-control-center (values.yaml image.repository).
     */
    public static final String DATA_CONTROL_CENTER_CHART = "0.3.7";
    public static final String DATA_CONTROL_CENTER_IMAGE = "docker.io/koorinc/data-control-center:v0.6.0";
    /**
     * The CDN's caching server: nginx's unprivileged image (nginxinc/docker-nginx-unprivileged: user 101,
     * port 8080, pid and temporary files under /tmp), and the AWS CLI v2 image that uploads the site.
     */
    public static final String CDN_SERVER_IMAGE = "nginxinc/nginx-unprivileged:1.29.8-alpine";
    public static final String CDN_UPLOAD_IMAGE = "amazon/aws-cli:2.34.48";
    /**
     * Flux 2.9: needs Kubernetes 1.33 or newer (flux2 cmd/flux/check.go kubernetesConstraints) and is
     * conformance-tested on 1.36 (fluxcd/flux2 9351ff68), so it covers demo's 1.35 and staging's 1.36.
     */
    public static final String FLUX = "2.9.5";
    public static final String HELM = "v3.16.4";
    /**
     * Argo CD, when it reconciles: the 3.3 line, whose app-of-apps waves wait for a child that is
     * still missing resources when the Application health check is restored (3.4 changed that).
     */
    public static final String ARGO_CD = "v3.3.14";

    private Versions() {
    }
}
