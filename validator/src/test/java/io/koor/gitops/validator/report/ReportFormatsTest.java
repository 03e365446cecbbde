package io.koor.gitops.validator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportFormatsTest {
    static ValidationReport report;

    @BeforeAll
    static void validate() throws Exception {
        report = new ValidationService().validate(Path.of("src/test/resources/trees/handwritten-demo"),
                ValidationOptions.builder().build());
    }

    @Test
    void textShowsFileLineRuleMessageFixAndASummary() {
        String text = ReportFormat.TEXT.render(report);
        assertThat(text).contains("infrastructure/storage/pools.yaml:9: error [ceph-pool-size-exceeds-hosts] "
                + "CephBlockPool/rook-ceph/replicapool /spec/replicated/size: CephBlockPool replicapool: size 3");
        assertThat(text).contains("    fix: add storage nodes or lower the size\n");
        assertThat(text).endsWith("12 files, 11 objects: 3 passed, 8 failed; 17 errors, 12 warnings, 0 notes, 0 suppressed\n");
    }

    @Test
    void jsonCarriesEveryFindingAndTheCounts() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(report));
        assertThat(json.at("/summary/errors").asInt()).isEqualTo(17);
        assertThat(json.at("/summary/failed").asInt()).isEqualTo(8);
        assertThat(json.get("violations")).hasSize(29);
        JsonNode first = json.at("/violations/0");
        assertThat(first.fieldNames()).toIterable()
                .containsExactly("rule", "severity", "resource", "file", "line", "pointer", "message", "hint");
    }

    @Test
    void junitIsWellFormedWithAFailurePerError() throws Exception {
        String xml = ReportFormat.JUNIT.render(report);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        NodeList failures = doc.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(17);
        assertThat(suite.getAttribute("failures")).isEqualTo("7"); // files with at least one error
        assertThat(((Element) failures.item(0)).getAttribute("type")).isNotBlank();
    }

    @Test
    void sarifHasRulesLevelsAndLocationsForCodeScanning() throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(ReportFormat.SARIF.render(report));
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        JsonNode run = sarif.at("/runs/0");
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("demo-gitops");
        assertThat(run.at("/tool/driver/rules").findValuesAsText("id")).contains("ceph-pool-size-exceeds-hosts", "schema");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(29);
        for (JsonNode r : results) {
            assertThat(r.get("level").asText()).isIn("error", "warning", "note");
            assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).doesNotStartWith("/");
            assertThat(r.at("/locations/0/physicalLocation/region/startLine").asInt()).isPositive();
            assertThat(r.at("/message/text").asText()).isNotBlank();
        }
    }

    @Test
    void xmlEscapingKeepsTheDocumentWellFormed() {
        assertThat(JunitReport.xml("a<b & \"c\" 'd'\u0001")).isEqualTo("a&lt;b &amp; &quot;c&quot; &apos;d&apos;");
    }

    @Test
    void unknownFormatsAreExplained() {
        assertThatThrownBy(() -> ReportFormat.parse("html")).hasMessage(
                "format=html: use one of text, json, junit, sarif");
    }
}
