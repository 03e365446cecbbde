package io.koor.gitops.generator.apps.cdn;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Big-endian binary records (TrueType tables, PNG chunks), written into memory. */
final class BigEndian {
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private BigEndian() {
    }

    static byte[] bytes(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
