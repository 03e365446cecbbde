package io.koor.gitops.validator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.load.SourceObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What SOPS writes into a file it encrypted, after getsops/sops: each value becomes
 * {@code ENC[AES256_GCM,data:...,iv:...,tag:...,type:...]} (aes/cipher.go, the {@code encre}
 * expression), and a top-level {@code sops} map holds the data key encrypted for each recipient
 * ({@code age: [{recipient, enc}]}, or pgp, kms, gcp_kms, azure_kv, hc_vault, hckms, or the same
 * under key_groups), the MAC over the values, lastmodified and version (stores/stores.go, metadata).
 */
final class SopsSecrets {
    private static final Pattern ENCRYPTED = Pattern.compile("ENC\\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\\]");
    /** The metadata keys that hold a data key encrypted for someone (stores/stores.go). */
    private static final List<String> KEY_SOURCES = List.of("age", "pgp", "kms", "gcp_kms", "azure_kv", "hc_vault",
            "hckms");

    private SopsSecrets() {
    }

    static boolean isEncrypted(String value) {
        return ENCRYPTED.matcher(value).matches();
    }

    static boolean hasMetadata(SourceObject object) {
        return object.node().path("sops").isObject();
    }

    /** Whether any value of the Secret is SOPS-encrypted. */
    static boolean encryptedValues(SourceObject secret) {
        for (String field : List.of("data", "stringData")) {
            for (JsonNode value : secret.node().path(field)) {
                if (isEncrypted(value.asText("").strip())) {
                    return true;
                }
            }
        }
        return false;
    }

    static void undecryptable(TreeIndex index, Findings out) {
        for (SourceObject secret : index.ofKind("", "Secret")) {
            if (!encryptedValues(secret)) {
                continue;
            }
            JsonNode sops = secret.node().path("sops");
            if (!sops.isObject()) {
                out.at(secret, "", "Secret " + secret.name() + " has ENC[...] values but no sops metadata: no key can"
                        + " decrypt them", "encrypt the original file with sops instead of copying encrypted values");
                continue;
            }
            if (!hasRecipient(sops)) {
                out.at(secret, "/sops", "the sops metadata names no recipient (age, pgp, kms, ...): nobody holds a key"
                        + " to the data key", "encrypt with a recipient: sops --encrypt --age age1... --in-place FILE");
            }
            if (sops.path("mac").asText("").isEmpty()) {
                out.at(secret, "/sops", "the sops metadata has no mac: sops and Flux refuse to decrypt a file whose"
                        + " integrity they cannot check", "encrypt the file again with sops; do not edit the sops map");
            }
        }
    }

    private static boolean hasRecipient(JsonNode sops) {
        if (KEY_SOURCES.stream().anyMatch(k -> withKey(sops.path(k)))) {
            return true;
        }
        for (JsonNode group : sops.path("key_groups")) {
            if (KEY_SOURCES.stream().anyMatch(k -> withKey(group.path(k)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean withKey(JsonNode keys) {
        for (JsonNode key : keys) {
            if (!key.path("enc").asText("").isBlank()) {
                return true;
            }
        }
        return false;
    }

    /**
     * kustomize-controller decrypts only for a Kustomization with {@code spec.decryption.provider: sops}
     * (Flux docs, components/kustomize/kustomizations, Decryption); without it the ENC[...] text is
     * applied as the value (or, under data, rejected as not base64).
     */
    static void notDecrypted(TreeIndex index, Findings out) {
        for (SourceObject secret : index.ofKind("", "Secret")) {
            if (!hasMetadata(secret) || !encryptedValues(secret)) {
                continue;
            }
            for (String cluster : index.applyGraph().keySet()) {
                for (String applier : index.appliersOf(cluster, secret.file())) {
                    if (!TreeIndex.isFluxApplier(applier)) {
                        continue;
                    }
                    index.ofKind(TreeIndex.FLUX_KUSTOMIZE_GROUP, "Kustomization").stream()
                            .filter(k -> TreeIndex.fluxId(k).equals(applier))
                            .filter(k -> !k.spec().path("decryption").path("provider").asText("").equals("sops"))
                            .findFirst()
                            .ifPresent(k -> out.at(secret, "/sops", "Secret " + secret.name() + " is SOPS-encrypted, but"
                                    + " Kustomization " + applier + " (" + k.file() + ") that applies it has no"
                                    + " spec.decryption with provider sops",
                                    "add decryption: {provider: sops, secretRef: {name: sops-age}} to " + applier));
                }
            }
        }
    }
}
