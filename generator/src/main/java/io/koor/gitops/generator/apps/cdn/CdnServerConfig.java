package io.koor.gitops.generator.apps.cdn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The caching server's nginx.conf, from the one template ({@code nginx.conf} beside this class) for the
 * cluster and for the lab: only where it listens, which gateway and bucket it fronts and where it keeps
 * its files differ.
 *
 * @param listen       nginx's {@code listen} value: {@code 8080} in the pod, {@code 127.0.0.1:PORT} in the lab
 * @param gateway      the RADOS Gateway as host:port, also sent as the Host header
 * @param bucket       the site's bucket
 * @param cacheDir     the cache's directory (the cache volume)
 * @param cacheMaxSize nginx size syntax, e.g. {@code 1843m}
 * @param runDir       a writable directory for the pid file and temporary files
 * @param accessLog    where the access log goes ({@code /dev/stdout} in the pod)
 */
public record CdnServerConfig(String listen, String gateway, String bucket, String cacheDir, String cacheMaxSize,
                              String runDir, String accessLog) {
    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");
    /** No value may end a directive or open a block: they are names, addresses and paths. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:/-]+");

    public CdnServerConfig {
        Map<String, String> values = values(listen, gateway, bucket, cacheDir, cacheMaxSize, runDir, accessLog);
        values.forEach((key, value) -> {
            Objects.requireNonNull(value, key);
            if (!SAFE.matcher(value).matches()) {
                throw new IllegalArgumentException("nginx.conf " + key + "='" + value
                        + "' may hold only letters, digits and . _ : / -");
            }
        });
    }

    /** The configuration text. */
    public String render() {
        Map<String, String> values = values(listen, gateway, bucket, cacheDir, cacheMaxSize, runDir, accessLog);
        Matcher m = PLACEHOLDER.matcher(StaticSite.resource("nginx.conf"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("nginx.conf has a placeholder " + m.group() + " CdnServerConfig does not fill");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> values(String listen, String gateway, String bucket, String cacheDir,
                                              String cacheMaxSize, String runDir, String accessLog) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("LISTEN", listen);
        values.put("GATEWAY", gateway);
        values.put("BUCKET", bucket);
        values.put("CACHE_DIR", cacheDir);
        values.put("CACHE_MAX_SIZE", cacheMaxSize);
        values.put("RUN_DIR", runDir);
        values.put("ACCESS_LOG", accessLog);
        return values;
    }
}
