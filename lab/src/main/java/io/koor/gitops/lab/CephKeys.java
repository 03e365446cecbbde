package io.koor.gitops.lab;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cephx secrets and the lab's one keyring. A key is what {@code ceph-authtool --gen-key} writes:
 * the base64 of CryptoKey's encoding (type AES as u16, creation time as two u32, length u16, 16
 * random bytes). Every entity's key and caps go into one file that the mon imports at mkfs, so no
 * daemon has to be registered one CLI call at a time.
 */
final class CephKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET = ALNUM + "abcdefghijklmnopqrstuvwxyz";

    private final Map<String, String> entities = new LinkedHashMap<>();

    private CephKeys() {
    }

    static CephKeys create() {
        return new CephKeys();
    }

    static String secret() {
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        ByteBuffer key = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        key.putShort((short) 1).putInt((int) (System.currentTimeMillis() / 1000)).putInt(0).putShort((short) 16).put(secret);
        return Base64.getEncoder().encodeToString(key.array());
    }

    /** An S3 access key (20 upper-case letters and digits) or secret key (40 letters and digits), as RGW makes them. */
    static String s3Key(int length) {
        String alphabet = length == 20 ? ALNUM : SECRET;
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** Adds an entity with a new key; caps alternate service and capability: {@code "mon", "allow *"}. */
    CephKeys add(String entity, String... caps) {
        StringBuilder text = new StringBuilder("[" + entity + "]\n\tkey = " + secret() + "\n");
        for (int i = 0; i < caps.length; i += 2) {
            text.append("\tcaps ").append(caps[i]).append(" = \"").append(caps[i + 1]).append("\"\n");
        }
        entities.put(entity, text.toString());
        return this;
    }

    String keyring() {
        return String.join("", entities.values());
    }
}
