package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.access.SecretEncryption;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretEncryptionTest {
    /** A recipient from getsops/sops's own tests (config/config_test.go). */
    private static final String SOPS_TEST_RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";

    @Test
    void noSecretsInGitUnlessARecipientIsGiven() {
        Cluster plain = Patterns.minimalProduction("p").build();
        assertThat(plain.secretEncryption().enabled()).isFalse();
        Cluster sops = Patterns.minimalProduction("p").secretEncryption(SecretEncryption.sopsAge(SOPS_TEST_RECIPIENT))
                .build();
        assertThat(sops.secretEncryption().ageRecipient()).contains(SOPS_TEST_RECIPIENT);
    }

    @Test
    void aMistypedRecipientFailsItsChecksum() {
        String typo = SOPS_TEST_RECIPIENT.substring(0, 20) + (SOPS_TEST_RECIPIENT.charAt(20) == 'q' ? 'p' : 'q')
                + SOPS_TEST_RECIPIENT.substring(21);
        assertThatThrownBy(() -> SecretEncryption.sopsAge(typo))
                .hasMessageContaining("secretEncryption.ageRecipient").hasMessageContaining("checksum");
    }

    @Test
    void aPrivateKeyOrSomethingElseIsRefusedWithoutEchoingTheKey() {
        String privateKey = "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";
        assertThatThrownBy(() -> SecretEncryption.sopsAge(privateKey))
                .hasMessageContaining("private key").hasMessageNotContaining(privateKey);
        assertThatThrownBy(() -> SecretEncryption.sopsAge("ssh-ed25519 AAAAC3Nza"))
                .hasMessageContaining("not an age X25519 recipient");
    }

    /** Keys made by age-keygen (Debian's age) are accepted, the one made right now included. */
    @Test
    void acceptsWhatAgeKeygenPrints(@TempDir Path dir) throws IOException, InterruptedException {
        Path key = dir.resolve("key.txt");
        Process keygen;
        try {
            keygen = new ProcessBuilder("age-keygen", "-o", key.toString()).redirectErrorStream(true).start();
        } catch (IOException absent) {
            System.out.println("SKIPPED: age-keygen is not installed (Debian package age): " + absent.getMessage());
            return;
        }
        keygen.getInputStream().readAllBytes();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String recipient = Files.readAllLines(key, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("# public key: ")).findFirst().orElseThrow().substring("# public key: ".length());
        assertThat(SecretEncryption.sopsAge(recipient).ageRecipient()).contains(recipient);
    }
}
