package io.koor.gitops.generator.yaml;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ordered maps for the bodies of custom resources, written in the order a person reads them. */
public final class Fields {
    private Fields() {
    }

    /** {@code map("a", 1, "b", "x")}: pairs in order; pairs whose value is null are left out. */
    public static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("map() takes key, value pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
