package io.koor.gitops.generator.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.generator.yaml.ManifestYaml;
import java.util.ArrayList;
import java.util.List;

/**
 * The YAML documents of one generated file with the line each starts at. Generated files
 * separate documents with a bare {@code ---} line, which is all this reader splits on.
 */
public final class TreeDocuments {
    public record Document(int line, JsonNode node) {
    }

    private TreeDocuments() {
    }

    public static List<Document> of(String text) {
        List<Document> documents = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder current = new StringBuilder();
        int start = -1;
        for (int i = 0; i <= lines.length; i++) {
            boolean end = i == lines.length || lines[i].equals("---");
            if (end) {
                if (start > 0) {
                    for (JsonNode node : ManifestYaml.readAll(current.toString())) {
                        documents.add(new Document(start, node));
                    }
                }
                current.setLength(0);
                start = -1;
                continue;
            }
            if (start < 0 && !lines[i].isBlank() && !lines[i].startsWith("#")) {
                start = i + 1;
            }
            current.append(lines[i]).append('\n');
        }
        return documents;
    }
}
