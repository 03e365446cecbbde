package io.koor.gitops.validator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.load.SourceObject;
import java.util.ArrayList;
import java.util.List;

/** Argo CD Applications as the rules read them: one source or several, each a chart or a path of a repository. */
public final class ArgoApplications {

    /** One source, with where it sits in its Application ({@code /spec/source} or {@code /spec/sources/N}). */
    public record Source(String pointer, JsonNode node) {
        public boolean isPath() {
            return node.path("path").isTextual() && !node.has("chart");
        }

        public String path() {
            return node.path("path").asText();
        }

        public String chart() {
            return node.path("chart").asText("");
        }

        /** The repository URL without a trailing slash or {@code .git}, so that spellings of one URL compare equal. */
        public String repo() {
            return node.path("repoURL").asText("").replaceFirst("/$", "").replaceFirst("\\.git$", "");
        }
    }

    private ArgoApplications() {
    }

    public static boolean is(SourceObject o) {
        return o.kind().equals("Application") && o.group().equals("argoproj.io");
    }

    public static List<Source> sources(SourceObject app) {
        List<Source> out = new ArrayList<>();
        if (app.spec().path("source").isObject()) {
            out.add(new Source("/spec/source", app.spec().path("source")));
        }
        JsonNode many = app.spec().path("sources");
        for (int i = 0; many.isArray() && i < many.size(); i++) { // a mapping here is a schema finding, not a crash
            out.add(new Source("/spec/sources/" + i, many.get(i)));
        }
        return out;
    }
}
