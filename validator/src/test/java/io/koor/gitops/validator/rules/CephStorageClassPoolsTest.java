package io.koor.gitops.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.koor.gitops.validator.finding.Violation;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The pools a Ceph StorageClass names besides its main one, by the names Rook gives them in Ceph. */
class CephStorageClassPoolsTest {

    @Test
    void aMisnamedRbdDataPoolAndACephfsPoolWithoutItsFilesystemPrefixBothFire() throws IOException {
        assertThat(RuleFixturesTest.findings(RuleFixturesTest.FIXTURES.resolve("storageclass-data-pool-missing/fires"),
                "storageclass-data-pool-missing")).extracting(Violation::jsonPointer, Violation::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("/parameters/dataPool", "data pool 'ec-pool' is not a CephBlockPool of namespace rook-ceph"),
                org.assertj.core.groups.Tuple.tuple("/parameters/pool", "pool 'replicated' is not a data pool of filesystem myfs"
                        + " (Rook names them myfs-replicated)"));
    }

    @Test
    void rookNamesDataPoolsAfterTheFilesystemUnlessTheyPreserveTheirNames() throws IOException {
        ObjectMapper json = new ObjectMapper();
        assertThat(CephStorageClassPools.poolNames("myfs", json.readTree("{\"dataPools\":[{\"name\":\"replicated\"},{}]}")))
                .containsExactly("myfs-replicated", "myfs-data1");
        assertThat(CephStorageClassPools.poolNames("myfs", json.readTree(
                "{\"preservePoolNames\":true,\"dataPools\":[{\"name\":\"replicated\"}]}"))).containsExactly("replicated");
    }
}
