package io.koor.gitops.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Debian's Chromium, headless, on a file: a screenshot and the DOM after load. Each run has a new
 * profile directory and no network services (background networking, component updates, sync off).
 */
final class HeadlessChromium {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {
    }

    /** Skips the calling test, saying why, when Chromium is missing. */
    static void assumePresent() {
        if (!Files.isExecutable(CHROMIUM)) {
            String reason = "SKIPPED: " + CHROMIUM + " is not installed (Debian package chromium, see setup-machine);"
                    + " the report page was not rendered";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
    }

    static BufferedImage screenshot(Path page, Path work) throws IOException, InterruptedException {
        Path png = work.resolve("screenshot.png");
        run(page, work, "--screenshot=" + png, "--window-size=1280,2000");
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null) {
            throw new IOException("Chromium wrote no readable PNG at " + png);
        }
        return image;
    }

    static String dumpDom(Path page, Path work) throws IOException, InterruptedException {
        return run(page, work, "--dump-dom");
    }

    /** Chromium's standard output; its log (D-Bus complaints and the like) goes to a file beside. */
    private static String run(Path page, Path work, String... what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile));
        command.addAll(List.of(what));
        command.add(page.toUri().toString());
        Path stdout = Files.createTempFile(work, "chromium", ".out");
        Path log = Files.createTempFile(work, "chromium", ".log");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException("Chromium did not finish in 120 s: " + command + "\n" + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            throw new IOException("Chromium exited " + p.exitValue() + ": " + command + "\n" + Files.readString(log));
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    /** Pixels that are not white. */
    static long inked(BufferedImage image) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) == 0xffffff ? 0 : 1;
            }
        }
        return n;
    }

    /** Pixels of exactly this colour, {@code #RRGGBB}. */
    static long ofColour(BufferedImage image, String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
