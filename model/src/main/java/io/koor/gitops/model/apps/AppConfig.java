package io.koor.gitops.model.apps;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A ConfigMap of an application: text files, binary files, and files shipped as resources of the
 * generator (a script, a server configuration), which the generator reads when it renders them so that
 * the cluster and the lab run the same file. Workloads mount it with {@link Workload#mount}.
 * Never put a secret here: a ConfigMap is plain text in Git.
 *
 * @param files in the order given; keys unique
 */
public record AppConfig(DnsLabel name, List<File> files) {
    /** Kubernetes' limit on a ConfigMap's data (validation.go: 1 MiB), less room for the object's own fields. */
    public static final int MAX_BYTES = 1024 * 1024 - 16 * 1024;
    private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");
    private static final Pattern RESOURCE = Pattern.compile("[a-z0-9][-a-z0-9_]*(/[-a-zA-Z0-9_.]+)+");

    /** One key of the ConfigMap. */
    public sealed interface File permits Text, Binary, Resource {
        String key();
    }

    /** UTF-8 text, written under {@code data}. */
    public record Text(String key, String text) implements File {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Bytes, written base64-encoded under {@code binaryData}. */
    public record Binary(String key, byte[] bytes) implements File {
        public Binary {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && b.key.equals(key) && Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return key.hashCode() * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Binary[" + key + ", " + bytes.length + " bytes]";
        }
    }

    /**
     * A file among the generator's resources under {@code io/koor/gitops/generator/apps/}, e.g.
     * {@code cdn/upload.sh}: read when the tree is rendered (text under {@code data} when it is UTF-8,
     * else under {@code binaryData}).
     */
    public record Resource(String key, String path) implements File {
        public Resource {
            if (path == null || !RESOURCE.matcher(path).matches() || path.contains("..")) {
                throw ModelException.of("path", "'" + path + "' is not a resource path such as 'cdn/upload.sh'"
                        + " (relative to io/koor/gitops/generator/apps/, no '..')");
            }
        }
    }

    public AppConfig {
        Objects.requireNonNull(name, "name");
        files = List.copyOf(files);
        Problems problems = new Problems();
        Set<String> keys = new HashSet<>();
        long bytes = 0;
        for (File f : files) {
            problems.require(KEY.matcher(f.key()).matches(), "files[" + f.key() + "]", "key '" + f.key()
                    + "' is not a ConfigMap key: use letters, digits, '-', '_' and '.', e.g. 'nginx.conf'");
            problems.require(keys.add(f.key()), "files[" + f.key() + "]", "two files are keyed " + f.key() + "; rename one");
            bytes += f instanceof Text t ? t.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    : f instanceof Binary b ? b.bytes.length : 0;
        }
        problems.require(bytes <= MAX_BYTES, "files", bytes + " bytes of files: a ConfigMap holds at most about 1 MiB;"
                + " put large content in a bucket and fetch it at start");
        problems.throwIfAny();
    }

    public static AppConfig named(String name) {
        return new AppConfig(Problems.at("name", () -> DnsLabel.of(name)), List.of());
    }

    public AppConfig text(String key, String text) {
        return add(new Text(key, text));
    }

    public AppConfig binary(String key, byte[] bytes) {
        return add(new Binary(key, bytes));
    }

    /** A generator resource, e.g. {@code resource("upload.sh", "cdn/upload.sh")}. */
    public AppConfig resource(String key, String path) {
        return add(Problems.at("files[" + key + "]", () -> new Resource(key, path)));
    }

    private AppConfig add(File file) {
        List<File> more = new ArrayList<>(files);
        more.add(file);
        return Problems.at("configs[" + name + "]", () -> new AppConfig(name, more));
    }
}
