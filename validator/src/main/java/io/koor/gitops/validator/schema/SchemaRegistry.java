package io.koor.gitops.validator.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds and compiles the schema of a kind, trying the locations in order, and keeps each
 * compiled schema (or its absence) in memory so a tree of many objects compiles each kind once.
 */
public final class SchemaRegistry {
    /** The core Kubernetes schemas declare this draft-less id; it is draft-04 in substance. */
    private static final String UNVERSIONED_META_SCHEMA = "http://json-schema.org/schema#";

    private final List<SchemaLocation> locations;
    private final String kubernetesVersion;
    private final boolean strict;
    /** Kubernetes' OpenAPI extensions: annotations for the API server, not constraints a JSON Schema checks. */
    private static final List<String> KUBERNETES_EXTENSIONS = List.of("nullable", "x-kubernetes-validations",
            "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
            "x-kubernetes-map-type", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-patch-strategy",
            "x-kubernetes-patch-merge-key", "x-kubernetes-group-version-kind", "x-kubernetes-unions");

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b
            .metaSchema(withKubernetesExtensions(UNVERSIONED_META_SCHEMA, JsonMetaSchema.getV4()))
            .metaSchema(withKubernetesExtensions(JsonMetaSchema.getV4().getIri(), JsonMetaSchema.getV4()))
            .metaSchema(withKubernetesExtensions(JsonMetaSchema.getV7().getIri(), JsonMetaSchema.getV7())));

    private static JsonMetaSchema withKubernetesExtensions(String iri, JsonMetaSchema base) {
        return JsonMetaSchema.builder(iri, base)
                .keywords(KUBERNETES_EXTENSIONS.stream().map(com.networknt.schema.NonValidationKeyword::new).toList())
                .build();
    }
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Optional<Found>> cache = new ConcurrentHashMap<>();
    private final SchemaDownloads downloads;

    /**
     * A compiled schema, where it came from (a file, or a URL), and the raw schema when it carries
     * CEL rules ({@code x-kubernetes-validations}) to evaluate as well; or, for a schema that is not
     * valid JSON Schema (a broken CRD in the tree), why it cannot be used.
     */
    public record Found(JsonSchema schema, String source, JsonNode celRules, String unusable) {
    }

    private Found found(JsonNode node, String source) {
        try {
            return new Found(factory.getSchema(node, config), source,
                    node.findValue("x-kubernetes-validations") != null ? node : null, null);
        } catch (JsonSchemaException e) {
            return new Found(null, source, null, e.getMessage());
        }
    }

    /** Local locations only: a remote location is an error. */
    public SchemaRegistry(List<SchemaLocation> locations, String kubernetesVersion, boolean strict) {
        this(locations, kubernetesVersion, strict, null);
    }

    public SchemaRegistry(List<SchemaLocation> locations, String kubernetesVersion, boolean strict,
                          SchemaDownloads downloads) {
        this.locations = List.copyOf(locations);
        this.kubernetesVersion = kubernetesVersion;
        this.strict = strict;
        this.downloads = downloads;
        for (SchemaLocation location : locations) {
            if (location.isRemote() && downloads == null) {
                throw new IllegalArgumentException("schema location " + location.template()
                        + " is remote, and this command reads local schema directories only");
            }
        }
    }

    public List<SchemaLocation> locations() {
        return locations;
    }

    /** A schema the tree itself defines (a CRD in it): it takes precedence over the locations. */
    public void derive(CrdSchemas.Derived derived) {
        cache.put(derived.apiVersion() + "|" + derived.kind(), Optional.of(found(derived.schema(), derived.source())));
    }

    public boolean strict() {
        return strict;
    }

    public Optional<Found> find(String apiVersion, String kind) {
        return cache.computeIfAbsent(apiVersion + "|" + kind, key -> load(apiVersion, kind));
    }

    private static final java.util.regex.Pattern API_VERSION =
            java.util.regex.Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[a-z0-9]+");
    private static final java.util.regex.Pattern KIND = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    /** A Kubernetes group/version: DNS labels, then letters and digits; never a path ('/', '..', a NUL). */
    public static boolean validApiVersion(String apiVersion) {
        return API_VERSION.matcher(apiVersion).matches();
    }

    public static boolean validKind(String kind) {
        return KIND.matcher(kind).matches();
    }

    private Optional<Found> load(String apiVersion, String kind) {
        if (!validApiVersion(apiVersion) || !validKind(kind)) {
            return Optional.empty(); // the names fill file paths and URLs: nothing outside the locations is read
        }
        for (SchemaLocation location : locations) {
            String target = location.fill(apiVersion, kind, kubernetesVersion, strict);
            try {
                if (location.isRemote()) {
                    Optional<String> text = downloads.fetch(target);
                    if (text.isPresent()) {
                        return Optional.of(found(json.readTree(text.get()), target));
                    }
                } else if (Files.isRegularFile(Path.of(target))) {
                    return Optional.of(found(json.readTree(Path.of(target).toFile()), target));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + target + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    /** Whether a missing schema may only be missing because downloads are off. */
    public boolean offlineWithRemoteLocations() {
        return downloads != null && downloads.offline() && locations.stream().anyMatch(SchemaLocation::isRemote);
    }
}
