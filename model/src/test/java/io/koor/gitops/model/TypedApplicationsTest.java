package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.apps.AppConfig;
import io.koor.gitops.model.apps.Application;
import io.koor.gitops.model.apps.WebRoute;
import io.koor.gitops.model.apps.Workload;
import io.koor.gitops.model.ceph.Filesystem;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.values.Resources;
import org.junit.jupiter.api.Test;

/** The typed workloads' invariants: what a definition cannot say, and the message it gets instead. */
class TypedApplicationsTest {
    private static final Resources SMALL = Resources.of(100, 128, 256);
    private static final String NGINX = "docker.io/nginxinc/nginx-unprivileged:1.29.5-alpine";

    private static Cluster.Builder cluster() {
        return ClusterInvariantsTest.valid().rook(ClusterInvariantsTest.rook(r -> r
                .filesystem(Filesystem.named("cephfs"))
                .objectStore(ObjectStore.named("objectstore").bucket("site", "site-content"))));
    }

    private static Application site() {
        return Application.named("site")
                .config(AppConfig.named("web").text("default.conf", "server { listen 8080; }"))
                .workload(Workload.deployment("web", NGINX, SMALL).user(101).replicas(2).port("http", 8080)
                        .mountFile("web", "default.conf", "/etc/nginx/conf.d/default.conf").bucket("site-content"))
                .route(WebRoute.to("www.example.com", "web", "http"));
    }

    @Test
    void aWellFormedApplicationBuildsWithItsPoliciesByDefault() {
        Cluster built = cluster().apps(a -> a.application(site())).build();
        Workload web = built.apps().applications().get(0).workloads().get(0);
        assertThat(web.readOnlyRootFilesystem()).isTrue();
        assertThat(web.user()).isEqualTo(101);
        assertThat(web.component()).isEqualTo("server");
        assertThat(Workload.job("seed", NGINX, SMALL).user()).isEqualTo(Workload.DEFAULT_USER);
        Workload template = Workload.onDemand("bench", NGINX, SMALL);
        assertThat(template.suspended()).isTrue();
        assertThat(template.kind()).isEqualTo(Workload.Kind.CRON_JOB);
    }

    @Test
    void imagesAreTaggedAndNeverLatest() {
        assertThatThrownBy(() -> Workload.deployment("web", "nginx:latest", SMALL))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("workloads[web].image: image 'nginx:latest' is tagged latest");
        assertThatThrownBy(() -> Workload.deployment("web", "nginx", SMALL)).hasMessageContaining("has no tag");
    }

    @Test
    void resourcesAreRequiredWithALimitAtLeastTheRequest() {
        assertThatThrownBy(() -> Workload.deployment("web", NGINX, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("resources");
        assertThatThrownBy(() -> Resources.of(100, 256, 128)).isInstanceOf(ModelException.class)
                .hasMessageContaining("the memory limit at least the request");
    }

    @Test
    void rootAndNonsenseAreRefused() {
        assertThatThrownBy(() -> Workload.deployment("web", NGINX, SMALL).user(0))
                .hasMessageContaining("workloads[web].user: user=0: containers run as a non-root UID");
        assertThatThrownBy(() -> Workload.job("seed", NGINX, SMALL).replicas(3))
                .hasMessageContaining("workloads[seed].replicas");
        assertThatThrownBy(() -> Workload.job("seed", NGINX, SMALL).port("http", 80))
                .hasMessageContaining("a Job serves no ports");
        assertThatThrownBy(() -> Workload.cronJob("nightly", NGINX, SMALL, "0 3 * *"))
                .hasMessageContaining("Kubernetes takes five cron fields");
        assertThatThrownBy(() -> Workload.deployment("web", NGINX, SMALL).claim("data", "/data", "ceph-block", 1))
                .hasMessageContaining("volume claim templates belong to a StatefulSet");
        assertThatThrownBy(() -> Workload.deployment("web", NGINX, SMALL).writable("/tmp").writable("/tmp"))
                .hasMessageContaining("/tmp is mounted twice");
    }

    @Test
    void aClaimOnAStorageClassTheClusterLacksIsRefusedNamingTheClassesItHas() {
        Application app = Application.named("cache").workload(Workload.statefulSet("redis", NGINX, SMALL)
                .claim("data", "/data", "fast-nvme", 5));
        assertThatThrownBy(() -> cluster().apps(a -> a.application(app)).build())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("clusters[demo].apps.applications[cache].workloads[redis].claims[data].storageClass:"
                        + " storageClass='fast-nvme' is not a StorageClass of this cluster (it has ceph-block,"
                        + " ceph-filesystem)");
        Application shared = Application.named("cache").workload(Workload.statefulSet("redis", NGINX, SMALL)
                .sharedClaim("data", "/data", "ceph-block", 5));
        assertThatThrownBy(() -> cluster().apps(a -> a.application(shared)).build())
                .hasMessageContaining("a shared (ReadWriteMany) claim needs a CephFS StorageClass");
    }

    @Test
    void aDatabaseIsAPostgresClusterOfTheClusterOneAWorkload() {
        Application reports = Application.named("reports").workload(Workload.cronJob("export", NGINX, SMALL, "0 2 * * *")
                .database("app"));
        assertThatThrownBy(() -> cluster().apps(a -> a.application(reports)).build())
                .hasMessageContaining("apps.applications[reports].workloads[export].databases[app]: no PostgreSQL or"
                        + " MariaDB cluster is named app (there are []); add apps.postgres(PostgresCluster.named(\"app\","
                        + " ...)) or apps.mariadb(MariaDbCluster.named(\"app\", ...))");
        // a MariaDB is a database too; a name both engines use is ambiguous
        Cluster withMariaDb = cluster().apps(a -> a.application(reports)
                .mariadb(io.koor.gitops.model.apps.MariaDbCluster.named("app", "mariadb", "ceph-block"))).build();
        assertThat(withMariaDb.apps().applications().get(0).workloads().get(0).databases()).hasSize(1);
        assertThatThrownBy(() -> cluster().apps(a -> a.application(reports)
                .mariadb(io.koor.gitops.model.apps.MariaDbCluster.named("app", "mariadb", "ceph-block"))
                .postgres(io.koor.gitops.model.apps.PostgresCluster.named("app", "database", "ceph-block"))).build())
                .hasMessageContaining("2 database clusters are named app");
        Cluster built = cluster().apps(a -> a.application(reports)
                .postgres(io.koor.gitops.model.apps.PostgresCluster.named("app", "database", "ceph-block"))).build();
        assertThat(built.apps().applications().get(0).workloads().get(0).databases()).extracting(Object::toString)
                .containsExactly("app");
        assertThatThrownBy(() -> Workload.deployment("web", NGINX, SMALL).database("app").database("other"))
                .hasMessageContaining("a workload connects to one database here");
        assertThatThrownBy(() -> Workload.deployment("web", NGINX, SMALL).database("Not_A_Label"))
                .hasMessageContaining("databases[Not_A_Label]");
    }

    @Test
    void bucketsComeFromAClaimOfTheApplicationsOwnNamespace() {
        Application elsewhere = site().namespace("web");
        assertThatThrownBy(() -> cluster().apps(a -> a.application(elsewhere)).build())
                .hasMessageContaining("workloads[web].buckets[site-content]: bucket claim site-content is not in"
                        + " namespace web");
    }

    @Test
    void mountsAndRoutesNameWhatTheApplicationHas() {
        assertThatThrownBy(() -> Application.named("site")
                .workload(Workload.deployment("web", NGINX, SMALL).mount("scripts", "/scripts")))
                .hasMessageContaining("applications[site].workloads[web].mounts[/scripts]: ")
                .hasMessageContaining("mounts config scripts, which the application does not have");
        assertThatThrownBy(() -> Application.named("site")
                .workload(Workload.deployment("web", NGINX, SMALL).port("http", 8080))
                .route(WebRoute.to("www.example.com", "web", "https")))
                .hasMessageContaining("workload web has no port https (it has [http])");
        assertThatThrownBy(() -> WebRoute.to("not a host", "web", "http")).hasMessageContaining("is not a host name");
    }

    @Test
    void eachApplicationHasItsOwnNamespaceAndTalksOnlyToApplicationsThatExist() {
        assertThatThrownBy(() -> cluster().apps(a -> a.application(site())
                .application(Application.named("other").namespace("site"))).build())
                .hasMessageContaining("namespace site is already application site's");
        assertThatThrownBy(() -> cluster().apps(a -> a.application(site().talksTo("ghost"))).build())
                .hasMessageContaining("applications[site].talksTo[ghost]: no application is named ghost");
        assertThatThrownBy(() -> Application.named("x").namespace("kube-system"))
                .hasMessageContaining("belongs to Kubernetes");
        assertThatThrownBy(() -> cluster().apps(a -> a.application(Application.named("rook").namespace("rook-ceph")))
                .build()).hasMessageContaining("namespace rook-ceph is Rook's");
    }

    @Test
    void configMapsHoldKeyedFilesAndGeneratorResourcesBySafePaths() {
        assertThatThrownBy(() -> AppConfig.named("c").text("a b", "x")).hasMessageContaining("is not a ConfigMap key");
        assertThatThrownBy(() -> AppConfig.named("c").text("a", "x").binary("a", new byte[] {1}))
                .hasMessageContaining("two files are keyed a");
        assertThatThrownBy(() -> AppConfig.named("c").resource("x", "../etc/passwd"))
                .hasMessageContaining("is not a resource path");
        assertThatThrownBy(() -> AppConfig.named("c").binary("big", new byte[AppConfig.MAX_BYTES + 1]))
                .hasMessageContaining("a ConfigMap holds at most about 1 MiB");
        assertThat(AppConfig.named("c").resource("upload.sh", "cdn/upload.sh").files()).hasSize(1);
    }
}
