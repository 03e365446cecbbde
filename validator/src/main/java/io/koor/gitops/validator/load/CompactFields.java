package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of a parsed YAML mapping, in their order, in one array of keys and values. Jackson's
 * own {@code ObjectNode} holds a {@code LinkedHashMap}: an entry object per field, a hash table, and
 * two cached views, about 260 bytes for the two or three fields a manifest's mapping has. A class
 * histogram of 10,000 realistic manifests with every rule had those maps at 130 of 191 MB live;
 * this map needs about 70 bytes for the same fields. Lookups scan the few keys (which the parser
 * shares, so they usually match by identity); a mapping with more than {@value #INDEXED} fields
 * gets a hash index, so that large or hostile mappings stay linear to build.
 */
final class CompactFields extends AbstractMap<String, JsonNode> {
    static final int INDEXED = 8;
    private static final Object[] EMPTY = new Object[0];

    /** key 0, value 0, key 1, value 1, ... */
    private Object[] fields = EMPTY;
    private int size;
    /** The position of each key, once there are more than {@link #INDEXED}. */
    private HashMap<String, Integer> index;

    private int find(Object key) {
        if (index != null) {
            Integer at = index.get(key);
            return at == null ? -1 : at;
        }
        for (int i = 0; i < size; i++) {
            Object k = fields[2 * i];
            if (k == key || k.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && find(key) >= 0;
    }

    @Override
    public JsonNode get(Object key) {
        int at = key == null ? -1 : find(key);
        return at < 0 ? null : (JsonNode) fields[2 * at + 1];
    }

    @Override
    public JsonNode put(String key, JsonNode value) {
        Objects.requireNonNull(key, "key");
        int at = find(key);
        if (at >= 0) { // a new value keeps the field's place, as in a LinkedHashMap
            JsonNode old = (JsonNode) fields[2 * at + 1];
            fields[2 * at + 1] = value;
            return old;
        }
        if (2 * size == fields.length) {
            fields = Arrays.copyOf(fields, Math.max(8, fields.length * 2));
        }
        fields[2 * size] = key;
        fields[2 * size + 1] = value;
        size++;
        if (index != null) {
            index.put(key, size - 1);
        } else if (size > INDEXED) {
            reindex();
        }
        return null;
    }

    @Override
    public JsonNode remove(Object key) {
        int at = key == null ? -1 : find(key);
        return at < 0 ? null : removeAt(at);
    }

    private JsonNode removeAt(int at) {
        JsonNode old = (JsonNode) fields[2 * at + 1];
        System.arraycopy(fields, 2 * at + 2, fields, 2 * at, 2 * (size - at - 1));
        size--;
        fields[2 * size] = null;
        fields[2 * size + 1] = null;
        if (index != null) {
            reindex();
        }
        return old;
    }

    private void reindex() {
        if (size <= INDEXED) {
            index = null;
            return;
        }
        index = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            index.put((String) fields[2 * i], i);
        }
    }

    @Override
    public void clear() {
        fields = EMPTY;
        size = 0;
        index = null;
    }

    /** Drops the spare room once the mapping is read. */
    void trim() {
        if (fields.length > 2 * size) {
            fields = size == 0 ? EMPTY : Arrays.copyOf(fields, 2 * size);
        }
    }

    /**
     * A new view each time: AbstractMap would keep the first one in a field of every map, and
     * Jackson asks each ObjectNode for its values when it iterates it (7.8 MB at 10,000 manifests).
     */
    @Override
    public java.util.Collection<JsonNode> values() {
        return new java.util.AbstractCollection<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<JsonNode> iterator() {
                return fieldParts(Map.Entry::getValue);
            }
        };
    }

    /** The keys or the values of the fields, in order, through the entries' iterator (which removes). */
    private <T> Iterator<T> fieldParts(java.util.function.Function<Map.Entry<String, JsonNode>, T> part) {
        Iterator<Map.Entry<String, JsonNode>> fields = entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return fields.hasNext();
            }

            @Override
            public T next() {
                return part.apply(fields.next());
            }

            @Override
            public void remove() {
                fields.remove();
            }
        };
    }

    /** A new view each time, for the same reason as {@link #values()}. */
    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public boolean contains(Object key) {
                return containsKey(key);
            }

            @Override
            public Iterator<String> iterator() {
                return fieldParts(Map.Entry::getKey);
            }
        };
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, JsonNode>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, JsonNode> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        return new Field(last);
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
                    }
                };
            }
        };
    }

    /** A field, read and written through to the map (as LinkedHashMap's entries are). */
    private final class Field implements Map.Entry<String, JsonNode> {
        private final int at;

        Field(int at) {
            this.at = at;
        }

        @Override
        public String getKey() {
            return (String) fields[2 * at];
        }

        @Override
        public JsonNode getValue() {
            return (JsonNode) fields[2 * at + 1];
        }

        @Override
        public JsonNode setValue(JsonNode value) {
            JsonNode old = getValue();
            fields[2 * at + 1] = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && getKey().equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return getKey().hashCode() ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return getKey() + "=" + getValue();
        }
    }
}
