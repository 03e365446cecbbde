package io.koor.gitops.generator.render;

import io.koor.gitops.model.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The files applications run (scripts, server configurations), kept as resources of the generator
 * under {@value #ROOT}: rendered into ConfigMaps for the cluster, and read by the lab's rehearsals
 * through this same class, so both run one copy.
 */
public final class AppFiles {
    public static final String ROOT = "io/koor/gitops/generator/apps/";

    private AppFiles() {
    }

    /** The bytes of {@code path} (e.g. {@code cdn/upload.sh}); a clear error when the generator has no such file. */
    public static byte[] bytes(String path) {
        try (InputStream in = AppFiles.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw ModelException.of("", "the generator has no file " + path + " (looked for " + ROOT + path
                        + " on its class path); add it under generator/src/main/resources/" + ROOT);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + ROOT + path, e);
        }
    }

    /** The file as UTF-8 text. */
    public static String text(String path) {
        return utf8(bytes(path)).orElseThrow(() -> ModelException.of("", ROOT + path + " is not UTF-8 text"));
    }

    /** The bytes as text when they are valid UTF-8, for a ConfigMap's {@code data} rather than {@code binaryData}. */
    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
