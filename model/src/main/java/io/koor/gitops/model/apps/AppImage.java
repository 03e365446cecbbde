package io.koor.gitops.model.apps;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.values.ImageRef;

/**
 * The image an application runs: a tag is required and {@code latest} refused, so that a restart
 * never changes what runs; a digest may be added. Application images are often tagged
 * {@code major.minor} (PostgreSQL's {@code 18.3-system-trixie}), which {@link ImageRef#isPinned()}, made
 * for Ceph's {@code vX.Y.Z}, would refuse.
 */
public final class AppImage {
    private AppImage() {
    }

    public static ImageRef parse(String text) {
        ImageRef image = ImageRef.parse(text);
        if (image.tag().isEmpty() || image.tag().get().equals("latest")) {
            throw ModelException.of("", "image '" + text + "' " + (image.tag().isEmpty() ? "has no tag" : "is tagged latest")
                    + ", so what runs changes on a restart; name a release tag, e.g. '" + image.repository() + ":1.2.3'");
        }
        return image;
    }
}
