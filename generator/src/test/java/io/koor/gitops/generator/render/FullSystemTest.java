package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.generator.layout.FluxLayout;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.tree.TreeWriter;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.Kustomize;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every feature of the model at once: the generated tree passes the whole validator (strict
 * schemas, the CRDs' CEL rules, every semantic rule) and kubectl kustomize, with no finding at all.
 */
class FullSystemTest {
    @TempDir
    Path root;

    private GitOpsTree tree() {
        return new FluxLayout("test").render(GitOpsSystem.of(TestSystems.full("big")));
    }

    private JsonNode doc(GitOpsTree tree, String path) {
        return ManifestYaml.readAll(tree.text(new TreePath(path))).get(0);
    }

    @Test
    void theWholeTreeValidatesWithNoFindings() throws IOException {
        new TreeWriter(root).write(tree(), false);
        ValidationReport report = new ValidationService().validate(root, ValidationOptions.builder().schemaLocations(SharedData.schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL).offline(true).build());
        // nothing but the two Probes (the dashboard's and www.example.com), which ../shared has no schema for
        assertThat(io.koor.gitops.generator.testing.ProbeSchemaGap.others(report)).isEmpty();
        assertThat(io.koor.gitops.generator.testing.ProbeSchemaGap.gaps(report)).isEqualTo(2);
        // cert-manager's chart and the ClusterIssuers (checked against cert-manager.io's schema) are among them
        assertThat(tree().files().keySet()).extracting(TreePath::value).contains(
                "infrastructure/controllers/big/cert-manager/helmrelease-cert-manager.yaml",
                "infrastructure/configs/big/cert-manager-issuers/clusterissuer-letsencrypt-production.yaml",
                "infrastructure/configs/big/cert-manager-issuers/clusterissuer-letsencrypt-staging.yaml");
        // 76, the velero and cdn namespaces' deny-all and DNS policies, Velero's egress, the CSI drivers' chart and
        // repository, and the applications' dashboard
        assertThat(report.objects()).isEqualTo(84);
    }

    @Test
    void everyKustomizationBuilds() throws IOException {
        Kustomize.assumeAvailable();
        GitOpsTree tree = tree();
        new TreeWriter(root).write(tree, false);
        for (TreePath path : tree.files().keySet()) {
            if (path.fileName().equals("kustomization.yaml")) {
                Kustomize.Build build = Kustomize.build(root.resolve(path.parent()));
                assertThat(build.exitCode()).as(path + ": " + build.errors()).isZero();
            }
        }
    }

    @Test
    void erasureCodedBlockStorageUsesAReplicatedMetadataPool() {
        GitOpsTree tree = tree();
        JsonNode sc = doc(tree, "infrastructure/configs/big/ceph-cluster/storageclass-ceph-block-ec.yaml");
        assertThat(sc.at("/parameters/pool").asText()).isEqualTo("ec-block-metadata");
        assertThat(sc.at("/parameters/dataPool").asText()).isEqualTo("ec-block");
        JsonNode ec = doc(tree, "infrastructure/configs/big/ceph-cluster/cephblockpool-ec-block.yaml");
        assertThat(ec.at("/spec/erasureCoded/dataChunks").asInt()).isEqualTo(4);
        assertThat(ec.at("/spec/parameters/compression_mode").asText()).isEqualTo("aggressive");
        assertThat(doc(tree, "infrastructure/configs/big/ceph-cluster/cephblockpool-ec-block-metadata.yaml")
                .at("/spec/replicated/size").asInt()).isEqualTo(3);
        assertThat(doc(tree, "infrastructure/configs/big/ceph-cluster/cephblockpool-fast.yaml")
                .at("/spec/deviceClass").asText()).isEqualTo("nvme");
    }

    @Test
    void theNetworkPluginIsTheReleaseBootstrapInstalled() {
        GitOpsTree tree = tree();
        JsonNode cilium = doc(tree, "infrastructure/controllers/big/network/helmrelease-cilium.yaml");
        assertThat(cilium.at("/metadata/namespace").asText()).isEqualTo("kube-system");
        assertThat(cilium.at("/spec/releaseName").asText()).isEqualTo("cilium");
        assertThat(cilium.at("/spec/chart/spec/version").asText()).isEqualTo(io.koor.gitops.model.presets.Versions.CILIUM_CHART);
        assertThat(cilium.at("/spec/values/ipam/mode").asText()).isEqualTo("kubernetes");
        JsonNode multus = doc(tree, "infrastructure/controllers/big/network/gitrepository-multus-cni.yaml");
        assertThat(multus.at("/spec/ref/tag").asText()).isEqualTo(io.koor.gitops.model.presets.Versions.MULTUS);
    }

    @Test
    void clusterSettingsFollowTheModel() {
        JsonNode spec = doc(tree(), "infrastructure/configs/big/ceph-cluster/cephcluster-rook-ceph.yaml").get("spec");
        assertThat(spec.at("/network/provider").asText()).isEqualTo("multus");
        assertThat(spec.at("/network/selectors/public").asText()).isEqualTo("rook-ceph/public-net");
        assertThat(spec.at("/storage/config/encryptedDevice").asText()).isEqualTo("true");
        assertThat(spec.at("/monitoring/enabled").asBoolean()).isTrue();
        assertThat(spec.at("/placement/all/tolerations/0/key").asText()).isEqualTo("storage.koor.io/dedicated");
        assertThat(spec.at("/resources/osd/requests/memory").asText()).isEqualTo("4Gi");
        assertThat(spec.at("/mon/count").asInt()).isEqualTo(5);
    }

    @Test
    void filesystemObjectStoreAndBucketsForApplications() {
        GitOpsTree tree = tree();
        JsonNode fs = doc(tree, "infrastructure/configs/big/ceph-filesystems/cephfilesystem-shared.yaml").get("spec");
        assertThat(fs.at("/metadataServer/activeCount").asInt()).isEqualTo(2);
        assertThat(fs.at("/dataPools/1/erasureCoded/codingChunks").asInt()).isEqualTo(2);
        assertThat(doc(tree, "infrastructure/configs/big/ceph-filesystems/storageclass-ceph-filesystem.yaml")
                .at("/parameters/pool").asText()).isEqualTo("shared-data0");
        JsonNode store = doc(tree, "infrastructure/configs/big/ceph-object-stores/cephobjectstore-s3.yaml").get("spec");
        assertThat(store.at("/gateway/instances").asInt()).isEqualTo(3);
        assertThat(store.at("/gateway/sslCertificateRef").asText()).isEqualTo("s3-tls");
        JsonNode claim = doc(tree, "apps/big/ceph-buckets/objectbucketclaim-static-site.yaml");
        assertThat(claim.at("/metadata/namespace").asText()).isEqualTo("cdn");
        assertThat(claim.at("/spec/storageClassName").asText()).isEqualTo("ceph-bucket");
        // buckets are an application concern: the apps layer waits for the storage layer, and for the
        // controllers layer, which runs CloudNativePG for its databases
        assertThat(doc(tree, "clusters/big/apps.yaml").at("/spec/dependsOn").findValuesAsText("name"))
                .containsExactlyInAnyOrder("infra-controllers", "infra-configs");
    }
}
