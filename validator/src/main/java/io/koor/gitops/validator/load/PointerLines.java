package io.koor.gitops.validator.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a JSON pointer of an object sits in its YAML file, so that findings (and pull-request
 * annotations) point at the offending line, not at the top of the document. Only the documents
 * with findings are parsed a second time for this, each one alone.
 */
public final class PointerLines {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** Document start line -> (pointer -> line). */
    private final Map<Integer, Map<String, Integer>> documents = new HashMap<>();
    private final String[] lines;

    public PointerLines(String text) {
        this.lines = text.split("\n", -1);
    }

    /** Parses the one document that starts at {@code start} (it ends at the next '---' line). */
    private Map<String, Integer> document(int start) {
        return documents.computeIfAbsent(start, s -> {
            StringBuilder doc = new StringBuilder();
            for (int i = start - 1; i < lines.length && !(i > start - 1 && lines[i].startsWith("---")); i++) {
                doc.append(lines[i]).append('\n');
            }
            Map<String, Integer> found = new HashMap<>();
            parse(doc.toString(), start - 1, found);
            return found;
        });
    }

    private static void parse(String text, int offset, Map<String, Integer> lines) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            Map<String, Integer> current = lines;
            Deque<Object> path = new ArrayDeque<>(); // String field or int[] array index
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr() + offset;
                switch (token) {
                    case FIELD_NAME -> {
                        path.push(parser.currentName());
                        current.put(pointer(path), line);
                    }
                    case START_OBJECT, START_ARRAY -> {
                        advanceIndex(path, current, line);
                        path.push(token == JsonToken.START_ARRAY ? new int[] {-1} : "{");
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pop();
                        popField(path);
                    }
                    default -> {
                        advanceIndex(path, current, line);
                        popField(path);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the file was readable when loaded; if not now, findings keep their document line
        }
    }

    private static void advanceIndex(Deque<Object> path, Map<String, Integer> current, int line) {
        if (!path.isEmpty() && path.peek() instanceof int[] index) {
            index[0]++;
            if (current != null) {
                current.put(pointer(path), line);
            }
        }
    }

    /** After a value, the field it belonged to is done. */
    private static void popField(Deque<Object> path) {
        if (!path.isEmpty() && path.peek() instanceof String s && !s.equals("{")) {
            path.pop();
        }
    }

    private static String pointer(Deque<Object> path) {
        StringBuilder out = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) {
            Object part = it.next();
            if (part instanceof int[] index) {
                out.append('/').append(index[0]);
            } else if (!part.equals("{")) {
                out.append('/').append(((String) part).replace("~", "~0").replace("/", "~1"));
            }
        }
        return out.toString();
    }

    /** The line of the pointer, or of its closest present parent, in the document starting at {@code documentLine}. */
    public int lineOf(int documentLine, String pointer) {
        Map<String, Integer> lines = document(documentLine);
        String p = pointer;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return documentLine;
    }
}
