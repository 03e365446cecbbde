package io.koor.gitops.generator.dekorate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a small Dekorate-annotated application in a test's directory with Dekorate's real annotation processor. */
final class DekorateBuild {
    private DekorateBuild() {
    }

    /**
     * Writes {@code pom.xml} (Dekorate finds its project by walking up from the class output to a build file)
     * and {@code src/main/java/demo/<className>.java}, and compiles it into {@code target/classes}.
     *
     * @return the class output, where Dekorate wrote {@code META-INF/dekorate/kubernetes.yml}
     */
    static Path compile(Path project, String artifactId, String version, String className, String source)
            throws IOException {
        Files.writeString(project.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>io.koor.demo</groupId><artifactId>" + artifactId + "</artifactId><version>" + version
                + "</version></project>\n");
        Path sources = Files.createDirectories(project.resolve("src/main/java/demo"));
        Path classes = Files.createDirectories(project.resolve("target/classes"));
        Path file = sources.resolve(className + ".java");
        Files.writeString(file, source);
        // A javac of its own: Dekorate keeps its project in a static session, so a second build in the
        // same JVM would write into the first one's directory.
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        Process process = new ProcessBuilder(javac.toString(), "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path"),
                "-processor", "io.dekorate.kubernetes.apt.KubernetesAnnotationProcessor", file.toString())
                .directory(project.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            assertThat(process.waitFor()).as(output).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compiling " + file, e);
        }
        return classes;
    }
}
