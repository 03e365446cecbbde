package io.koor.gitops.model.access;

import io.koor.gitops.model.ModelException;
import java.util.Locale;
import java.util.Optional;

/**
 * How Secrets that must live in Git are kept there: not at all (the default: the tree has none, and
 * every secret comes from an operator in the cluster or is created out of band), or encrypted with
 * SOPS for an age recipient. Only the recipient, the public key, is in the definition; the private
 * key stays outside Git, in a Secret the bootstrap creates in the cluster.
 *
 * @param ageRecipient the age public key ({@code age1...}, from {@code age-keygen -y KEYFILE}) SOPS encrypts for
 */
public record SecretEncryption(Optional<String> ageRecipient) {
    /** The Secret in flux-system holding the private key, named as Flux's SOPS guide names it. */
    public static final String AGE_KEY_SECRET = "sops-age";
    /** Its key: kustomize-controller reads age identities from keys ending in .agekey. */
    public static final String AGE_KEY_FILE = "age.agekey";
    /** Bech32's alphabet (BIP-0173), which age recipients are written in. */
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    /** HRP "age", separator "1", 52 characters of X25519 key and 6 of checksum (age's format spec, C2SP age.md). */
    private static final int RECIPIENT_LENGTH = 62;

    public SecretEncryption {
        ageRecipient.ifPresent(r -> check("secretEncryption.ageRecipient", r));
    }

    /** No Secret is kept in Git. */
    public static SecretEncryption none() {
        return new SecretEncryption(Optional.empty());
    }

    /** Secrets in Git are SOPS-encrypted for this age recipient. */
    public static SecretEncryption sopsAge(String recipient) {
        return new SecretEncryption(Optional.of(recipient == null ? "" : recipient.strip()));
    }

    public boolean enabled() {
        return ageRecipient.isPresent();
    }

    private static void check(String path, String recipient) {
        String hint = "; give the public key age-keygen printed (age-keygen -y KEYFILE prints it again), never the"
                + " AGE-SECRET-KEY-1... line";
        if (recipient.toUpperCase(Locale.ROOT).startsWith("AGE-SECRET-KEY-")) {
            throw ModelException.of(path, "that is an age private key, which must never be in Git" + hint);
        }
        if (!recipient.startsWith("age1") || recipient.length() != RECIPIENT_LENGTH
                || !recipient.equals(recipient.toLowerCase(Locale.ROOT))) {
            throw ModelException.of(path, "'" + recipient + "' is not an age X25519 recipient (age1 followed by 58"
                    + " lower-case characters)" + hint);
        }
        if (!bech32ChecksumValid(recipient)) {
            throw ModelException.of(path, "'" + recipient + "' has a wrong checksum: a character was mistyped" + hint);
        }
    }

    /** BIP-0173's checksum: polymod over the expanded HRP and the data equals 1. */
    private static boolean bech32ChecksumValid(String text) {
        int separator = text.lastIndexOf('1');
        String hrp = text.substring(0, separator);
        int[] values = new int[hrp.length() * 2 + 1 + text.length() - separator - 1];
        int i = 0;
        for (char c : hrp.toCharArray()) {
            values[i++] = c >> 5;
        }
        values[i++] = 0;
        for (char c : hrp.toCharArray()) {
            values[i++] = c & 31;
        }
        for (char c : text.substring(separator + 1).toCharArray()) {
            int v = BECH32.indexOf(c);
            if (v < 0) {
                return false;
            }
            values[i++] = v;
        }
        int[] generator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        for (int v : values) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ v;
            for (int g = 0; g < 5; g++) {
                if (((top >>> g) & 1) != 0) {
                    chk ^= generator[g];
                }
            }
        }
        return chk == 1;
    }
}
