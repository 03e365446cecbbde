package io.koor.gitops.generator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.koor.gitops.generator.layout.FluxLayout;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.GitOpsSystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every alerting and recording rule the tree carries, taken out of its PrometheusRule objects as
 * Prometheus would load them, passes {@code promtool check rules}; the alerts the project writes fire
 * (and stay silent) as {@code promtool test rules} cases in src/test/resources/promtool say.
 */
class PrometheusRulesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    /** The spec.groups of every PrometheusRule in the tree, by the file that holds it. */
    static Map<String, ArrayNode> ruleGroups(GitOpsTree tree) {
        Map<String, ArrayNode> groups = new TreeMap<>();
        for (TreePath path : tree.files().keySet()) {
            if (!path.value().endsWith(".yaml")) {
                continue;
            }
            for (JsonNode doc : ManifestYaml.readAll(tree.text(path))) {
                if (doc.path("kind").asText().equals("PrometheusRule")
                        && doc.path("apiVersion").asText().startsWith("monitoring.coreos.com/")) {
                    groups.put(path.value(), (ArrayNode) doc.at("/spec/groups"));
                }
            }
        }
        return groups;
    }

    private static GitOpsTree fullTree() {
        return new FluxLayout("test").render(GitOpsSystem.of(TestSystems.full("big")));
    }

    private Path write(String name, ArrayNode groups) throws IOException {
        ObjectNode file = JsonNodeFactory.instance.objectNode();
        file.set("groups", groups);
        Path path = dir.resolve(name);
        YAML.writeValue(path.toFile(), file);
        return path;
    }

    @Test
    void everyGeneratedRuleFilePassesPromtoolCheckRules() throws IOException {
        Promtool.assumeAvailable();
        Map<String, ArrayNode> groups = ruleGroups(fullTree());
        // the Ceph alerts beside the cluster, and the uptime alert beside the probes
        assertThat(groups.keySet()).containsExactly(
                "infrastructure/configs/big/ceph-tools/prometheusrule-ceph-alerts.yaml",
                "infrastructure/configs/big/monitoring-config/prometheusrule-uptime-alerts.yaml");
        int i = 0;
        for (Map.Entry<String, ArrayNode> entry : groups.entrySet()) {
            Path file = write("rules-" + i++ + ".yaml", entry.getValue());
            Promtool.Run check = Promtool.run(dir, "check", "rules", file.toString());
            assertThat(check.exitCode()).as(entry.getKey() + ":\n" + check.output()).isZero();
            assertThat(check.output()).contains("SUCCESS");
        }
    }

    @Test
    void theCheckFailsOnABrokenRuleSoItsSuccessMeansSomething() throws IOException {
        Promtool.assumeAvailable();
        ArrayNode groups = ruleGroups(fullTree()).values().iterator().next().deepCopy();
        ((ObjectNode) groups.get(0).path("rules").get(0)).put("expr", "ceph_health_status ==");
        Promtool.Run check = Promtool.run(dir, "check", "rules", write("broken.yaml", groups).toString());
        assertThat(check.exitCode()).isNotZero();
        assertThat(check.output()).contains("FAILED");
    }

    @Test
    void theProjectsOwnAlertsFireAsTheirTestCasesSay() throws IOException {
        Promtool.assumeAvailable();
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        ruleGroups(fullTree()).values().forEach(all::addAll);
        write("rules.yaml", all);
        List<String> alerts = new ArrayList<>();
        all.forEach(g -> g.path("rules").forEach(r -> {
            if (r.has("alert")) {
                alerts.add(r.path("alert").asText());
            }
        }));
        String cases;
        try (InputStream in = getClass().getResourceAsStream("/promtool/alerts-test.yaml")) {
            cases = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // every alert the tree carries has a case that expects it to fire
        assertThat(alerts).isNotEmpty().allSatisfy(alert -> assertThat(cases).contains("alertname: " + alert));
        Path tests = dir.resolve("alerts-test.yaml");
        Files.writeString(tests, cases);
        Promtool.Run run = Promtool.run(dir, "test", "rules", tests.toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }
}
