package io.koor.gitops.generator.apps.cdn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The static site the CDN serves, and the script that uploads it: the one source for the cluster (rendered
 * into ConfigMaps) and for the lab rehearsal. Every file but the pages is fingerprinted (its name carries a
 * hash of its content, {@code site.css} becomes {@code site.1a2b3c4d5e.css}) and the references to it are
 * rewritten, so a name never gets new content and can be cached for a year; pages keep their names.
 */
public final class StaticSite {
    private static final String RESOURCES = "/io/koor/gitops/generator/apps/cdn/";
    /** The files of the site's source, leaves before the files referring to them. */
    private static final List<String> SOURCES = List.of("koor-mark.svg", "site.js", "site.css", "index.html", "404.html");
    private static final StaticSite KOOR_DEMO = build();

    private final SortedMap<String, byte[]> files;

    private StaticSite(SortedMap<String, byte[]> files) {
        this.files = files;
    }

    /** The Koor demo's page with its stylesheet, script, mark, picture and font. */
    public static StaticSite koorDemo() {
        return KOOR_DEMO;
    }

    /** File name to content, by name; names are flat (a ConfigMap key cannot hold a '/'). */
    public SortedMap<String, byte[]> files() {
        SortedMap<String, byte[]> copy = new TreeMap<>();
        files.forEach((name, bytes) -> copy.put(name, bytes.clone()));
        return Collections.unmodifiableSortedMap(copy);
    }

    /** The name a source file is served under, e.g. {@code site.css} to {@code site.1a2b3c4d5e.css}. */
    public String servedName(String source) {
        String base = source.substring(0, source.lastIndexOf('.'));
        String ext = source.substring(source.lastIndexOf('.'));
        return files.keySet().stream().filter(n -> n.equals(source) || (n.startsWith(base + ".") && n.endsWith(ext)
                        && n.length() == source.length() + HASH_LENGTH + 1))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("the site has no file " + source));
    }

    /** A hash of the whole site: names what must change when any file does (the upload Job). */
    public String fingerprint() {
        MessageDigest digest = sha256();
        files.forEach((name, bytes) -> {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(bytes);
        });
        return HexFormat.of().formatHex(digest.digest()).substring(0, HASH_LENGTH);
    }

    /** The POSIX shell script that uploads a directory holding {@link #files()} to a bucket (see its header). */
    public static String uploadScript() {
        return text("upload-site.sh");
    }

    private static final int HASH_LENGTH = 10;

    private static StaticSite build() {
        Map<String, byte[]> sources = new LinkedHashMap<>();
        sources.put("storage-bands.png", SitePicture.png());
        sources.put("koor-glyphs.ttf", SiteFont.ttf());
        for (String name : SOURCES) {
            sources.put(name, text("site/" + name).getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        SortedMap<String, byte[]> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> source : sources.entrySet()) {
            String name = source.getKey();
            byte[] bytes = source.getValue();
            if (name.endsWith(".html") || name.endsWith(".css") || name.endsWith(".js")) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                for (Map.Entry<String, String> r : renamed.entrySet()) {
                    text = text.replace("\"" + r.getKey() + "\"", "\"" + r.getValue() + "\"");
                }
                bytes = text.getBytes(StandardCharsets.UTF_8);
            }
            if (!name.endsWith(".html")) {
                String hash = HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, HASH_LENGTH);
                int dot = name.lastIndexOf('.');
                String served = name.substring(0, dot) + "." + hash + name.substring(dot);
                renamed.put(name, served);
                name = served;
            }
            out.put(name, bytes);
        }
        return new StaticSite(out);
    }

    private static String text(String resource) {
        try (InputStream in = StaticSite.class.getResourceAsStream(RESOURCES + resource)) {
            if (in == null) {
                throw new IllegalStateException("the generator jar lacks " + RESOURCES + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        return text(name);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
