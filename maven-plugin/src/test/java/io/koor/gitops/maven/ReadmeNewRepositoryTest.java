package io.koor.gitops.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Start a new gitops repository" is what the integration project
 * {@code src/it/new-repository-from-readme} is, file for file: the integration build proves the
 * instructions work, this test that they are the instructions (the version aside, which the
 * invoker fills in).
 */
class ReadmeNewRepositoryTest {
    private static final Path README = Path.of("../README.md");
    private static final Path PROJECT = Path.of("src/it/new-repository-from-readme");

    /** The fenced blocks of the section, without the list item's indentation. */
    private static List<String> blocks() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Start a new gitops repository");
        assertThat(start).as("the README has the section").isNotNegative();
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("\n   ```\\w*\n(.*?)\n   ```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(m.group(1).replaceAll("(?m)^   ", "") + "\n");
        }
        return blocks;
    }

    @Test
    void theIntegrationProjectIsTheReadmesProject() throws IOException {
        List<String> blocks = blocks();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(4);
        assertThat(Files.readString(PROJECT.resolve("pom.xml")))
                .isEqualTo(blocks.get(0).replace("0.1.0-SNAPSHOT", "@project.version@"));
        assertThat(Files.readString(PROJECT.resolve("src/main/java/com/example/MySystem.java"))).isEqualTo(blocks.get(1));
        assertThat(Files.readString(PROJECT.resolve(".gitignore"))).isEqualTo(blocks.get(2));
        assertThat(Files.readString(PROJECT.resolve("invoker.properties")))
                .contains("compile gitops:generate").contains("verify");
        assertThat(blocks.get(3)).contains("mvn -B compile gitops:generate");
    }
}
