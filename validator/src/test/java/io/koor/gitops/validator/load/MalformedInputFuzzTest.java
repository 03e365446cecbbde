package io.koor.gitops.validator.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of malformed inputs, made deterministically from the fixture trees: corrupted bytes
 * and, more searching, well-formed YAML whose values have the wrong shapes (a string where a map
 * is expected, a number for dependsOn...). No input may end the run with an exception or make a
 * rule crash; every problem must come back as a finding with a message.
 */
class MalformedInputFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path work;

    static List<String> seeds() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
            List<String> texts = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                texts.add(Files.readString(p));
            }
            return texts;
        }
    }

    private static ValidationReport validate(Path tree) throws IOException {
        return new ValidationService().validate(tree, ValidationOptions.builder().schemaLocations(SharedData.schemaLocations()).offline(true).build());
    }

    private static void assertEveryFindingIsAMessage(ValidationReport report) {
        for (Violation v : report.violations()) {
            assertThat(v.message()).as(v.toString()).isNotBlank();
            assertThat(v.message()).as("a rule crashed instead of reporting: " + v).doesNotContain("could not run");
            assertThat(v.message()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void corruptedBytesBecomeFindingsNotExceptions() throws IOException {
        Random random = new Random(20261122);
        List<String> seeds = seeds();
        for (int batch = 0; batch < 3; batch++) {
            Path tree = Files.createDirectories(work.resolve("bytes-" + batch));
            for (int i = 0; i < 700; i++) {
                byte[] bytes = seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
                Files.write(tree.resolve("f" + i + ".yaml"), corrupt(bytes, random));
            }
            assertEveryFindingIsAMessage(validate(tree));
        }
    }

    @Test
    void wrongShapesBecomeFindingsNotCrashes() throws IOException {
        Random random = new Random(7);
        List<JsonNode> objects = new ArrayList<>();
        for (String seed : seeds()) {
            try {
                YamlDocuments.read(seed).forEach(d -> objects.add(d.node()));
            } catch (YamlDocuments.YamlProblem e) {
                // not a seed
            }
        }
        assertThat(objects).hasSizeGreaterThan(50);
        for (int batch = 0; batch < 3; batch++) {
            Path tree = Files.createDirectories(work.resolve("shapes-" + batch));
            Files.createDirectories(tree.resolve("clusters/demo"));
            for (int i = 0; i < 700; i++) {
                JsonNode mutated = objects.get(random.nextInt(objects.size())).deepCopy();
                for (int m = 0; m < 1 + random.nextInt(4); m++) {
                    mutated = mutate(mutated, random);
                }
                Path file = tree.resolve((i % 5 == 0 ? "clusters/demo/" : "") + "o" + i + ".yaml");
                Files.writeString(file, YAML.writeValueAsString(mutated.isObject() ? mutated : NODES.objectNode().set("x", mutated)));
            }
            assertEveryFindingIsAMessage(validate(tree));
        }
    }

    private static byte[] corrupt(byte[] bytes, Random random) {
        byte[] out = bytes.clone();
        switch (random.nextInt(4)) {
            case 0 -> { // flip bytes
                for (int i = 0; i < 1 + random.nextInt(5) && out.length > 0; i++) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(Math.max(1, out.length))); // truncate
            case 2 -> { // YAML syntax characters in random places
                String s = new String(out, StandardCharsets.UTF_8);
                String[] junk = {"{", "}", "[", "]", ":", "- ", "&a ", "*a", "!!binary ", "|", ">", "\t", "---\n", "? ", "%YAML 1.1\n"};
                int at = random.nextInt(s.length() + 1);
                out = (s.substring(0, at) + junk[random.nextInt(junk.length)] + s.substring(at)).getBytes(StandardCharsets.UTF_8);
            }
            default -> { // break indentation
                String s = new String(out, StandardCharsets.UTF_8);
                out = s.replaceFirst("\n  ", "\n" + " ".repeat(random.nextInt(5))).getBytes(StandardCharsets.UTF_8);
            }
        }
        return out;
    }

    /** Replaces a random node (or the whole object) with a value of a random other shape. */
    private static JsonNode mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode replacement = randomValue(random);
        if (target instanceof ObjectNode obj && obj.size() > 0) {
            Iterator<String> names = obj.fieldNames();
            List<String> keys = new ArrayList<>();
            names.forEachRemaining(keys::add);
            obj.set(keys.get(random.nextInt(keys.size())), replacement);
        } else if (target instanceof ArrayNode array && array.size() > 0) {
            array.set(random.nextInt(array.size()), replacement);
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(10)) {
            case 8 -> NODES.textNode("a\u0000b"); // no file system allows it in a path
            case 9 -> NODES.textNode("../../x\u001b[0m"); // escapes the tree, and the terminal
            case 0 -> NODES.textNode("x");
            case 1 -> NODES.numberNode(random.nextInt(20) - 5);
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> NODES.arrayNode().add("a").add(3);
            case 5 -> NODES.objectNode().put("name", 7);
            case 6 -> NODES.textNode("");
            default -> NODES.objectNode();
        };
    }
}
