package io.koor.gitops.validator.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads every document of a YAML file with the line it starts at. Duplicate keys are errors (the
 * API server would silently keep one of them). Hostile input is bounded: nesting depth, aliases,
 * document size.
 */
public final class YamlDocuments {
    /** Larger than any real manifest file; keeps a giant file from exhausting memory. */
    public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 100;

    public record Document(int line, JsonNode node) {
    }

    /** Not YAML, or YAML outside the limits: where, and the parser's reason. */
    public static final class YamlProblem extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        YamlProblem(int line, int column, String message) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build());

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setAllowDuplicateKeys(false);
        return options;
    }

    private YamlDocuments() {
    }

    public static List<Document> read(String text) throws YamlProblem {
        if (text.length() > MAX_FILE_BYTES) {
            throw new YamlProblem(1, 1, "the file is larger than " + MAX_FILE_BYTES / (1024 * 1024)
                    + " MiB; split it into several files");
        }
        List<Document> documents = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = MAPPER.readTree(parser);
                if (token == JsonToken.VALUE_NULL || node == null || node.isNull() || node.isMissingNode()) {
                    continue; // an empty document, e.g. after a trailing '---'
                }
                documents.add(new Document(line, node));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new YamlProblem(at == null ? 1 : Math.max(1, at.getLineNr()), at == null ? 1 : Math.max(1, at.getColumnNr()),
                    reason(e));
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports limits (aliases, depth, size) as runtime exceptions with a position in the text.
            throw new YamlProblem(lineOf(e.getMessage()), 1, firstLine(e.getMessage()));
        }
        return documents;
    }

    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field")) {
            return message.replace("Duplicate field", "duplicate key") + "; keep one of them";
        }
        return firstLine(message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        String line = message.strip().split("\n")[0].strip();
        return line.isEmpty() ? "unreadable YAML" : line;
    }

    private static int lineOf(String message) {
        if (message != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)").matcher(message);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 1;
    }
}
