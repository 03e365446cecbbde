package io.koor.gitops.model.values;

import io.koor.gitops.model.ModelException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference, {@code registry/repository[:tag][@sha256:digest]}.
 * "Pinned" means it names one build: a digest, or a full {@code X.Y.Z} release tag.
 */
public record ImageRef(String repository, Optional<String> tag, Optional<String> digest) {
    private static final Pattern REF = Pattern.compile(
            "([a-z0-9]+(?:[._-][a-z0-9]+)*(?::\\d+)?(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)"
                    + "(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?");
    private static final Pattern RELEASE_TAG = Pattern.compile("v?\\d+\\.\\d+\\.\\d+([-.+][A-Za-z0-9.]+)*");

    public static ImageRef parse(String text) {
        Matcher m = text == null ? null : REF.matcher(text);
        if (m == null || !m.matches()) {
            throw ModelException.of("", "'" + text + "' is not an image reference: write"
                    + " 'registry/repository:tag', e.g. 'quay.io/ceph/ceph:v19.2.6'");
        }
        return new ImageRef(m.group(1), Optional.ofNullable(m.group(2)), Optional.ofNullable(m.group(3)));
    }

    public boolean isPinned() {
        return digest.isPresent() || tag.filter(t -> RELEASE_TAG.matcher(t).matches()).isPresent();
    }

    @Override
    public String toString() {
        return repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
