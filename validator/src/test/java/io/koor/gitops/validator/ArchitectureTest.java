package io.koor.gitops.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The validator is a product of its own: it knows nothing of the generator (not in its pom, not on
 * its class path, not in its imports), and its packages depend on each other one way only.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/io/koor/gitops/validator");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.koor\\.gitops\\.(validator(?:\\.(\\w+))?|\\w+)\\.",
            Pattern.MULTILINE);

    @Test
    void thePomHasNoGeneratorDependency() throws IOException {
        assertThat(Files.readString(Path.of("pom.xml"))).doesNotContain("gitops-generator");
    }

    @Test
    void theGeneratorIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("io.koor.gitops.generator.GitOpsService"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    /** Package (the top one is "") to the validator packages and other toolkit modules its sources import. */
    private static Map<String, Set<String>> imports() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path dir = SOURCES.relativize(file.getParent());
                String pkg = dir.toString().replace('/', '.');
                Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String target = m.group(1).startsWith("validator") ? (m.group(2) == null ? "" : m.group(2))
                            : "module:" + m.group(1);
                    if (!target.equals(pkg)) {
                        used.add(target);
                    }
                }
            }
        }
        return uses;
    }

    @Test
    void importsNoOtherToolkitModuleThanTheModel() throws IOException {
        Set<String> modules = new TreeSet<>();
        imports().values().forEach(s -> s.stream().filter(t -> t.startsWith("module:")).forEach(modules::add));
        assertThat(modules).containsExactly("module:model");
    }

    @Test
    void packagesFormNoCycleWithFindingsAtTheBottomAndTheServiceOnTop() throws IOException {
        Map<String, Set<String>> uses = imports();
        for (String pkg : uses.keySet()) {
            List<String> path = cycleFrom(pkg, uses, new ArrayList<>(), new HashSet<>());
            assertThat(path).as("package cycle").isEmpty();
        }
        assertThat(uses.get("finding")).allMatch(t -> t.startsWith("module:"));
        assertThat(uses.get("load")).doesNotContain("rules", "schema", "external", "report", "suppress", "");
        uses.forEach((pkg, used) -> {
            if (!pkg.isEmpty()) {
                assertThat(used).as(pkg + " must not use the service package").doesNotContain("");
            }
        });
    }

    private static List<String> cycleFrom(String pkg, Map<String, Set<String>> uses, List<String> path, Set<String> done) {
        if (path.contains(pkg)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(pkg), path.size()));
            cycle.add(pkg);
            return cycle;
        }
        if (!done.add(pkg)) {
            return List.of();
        }
        path.add(pkg);
        for (String next : uses.getOrDefault(pkg, Set.of())) {
            if (!next.startsWith("module:")) {
                List<String> cycle = cycleFrom(next, uses, path, done);
                if (!cycle.isEmpty()) {
                    return cycle;
                }
            }
        }
        path.remove(path.size() - 1);
        return List.of();
    }
}
