package io.koor.gitops.generator.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a transaction does, written before it changes anything ({@code .gitops/transaction}):
 * its staging directory, then one step per line. Each step can be undone from the disk alone, at
 * any point and any number of times, so an interrupted rollback is simply run again.
 *
 * @param staging the directory under {@code .gitops/} holding the new files ({@code new/}) and
 *                copies of the files it replaces or deletes ({@code old/})
 */
record Journal(String staging, List<Step> steps) {

    enum Kind {
        /** A directory the tree needs that did not exist. */
        MKDIR,
        /** A new file; {@code hash} is its content, so that undoing it never deletes anybody else's file. */
        CREATE,
        /** A file replaced; its previous content is in {@code old/} before the step runs. */
        UPDATE,
        /** A file removed; it is moved into {@code old/}. */
        DELETE
    }

    /** One step; {@code path} is relative to the output directory, {@code hash} is set for CREATE only. */
    record Step(Kind kind, String path, String hash) {
        String line() {
            return kind + " " + path + (hash == null ? "" : " " + hash);
        }
    }

    Journal {
        steps = List.copyOf(steps);
    }

    String text() {
        StringBuilder out = new StringBuilder(staging).append('\n');
        steps.forEach(step -> out.append(step.line()).append('\n'));
        return out.toString();
    }

    static Journal read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("tx-")) {
            throw damaged(file, 1);
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(" ");
            Kind kind = kind(fields[0]);
            if (kind == null || fields.length != (kind == Kind.CREATE ? 3 : 2)) {
                throw damaged(file, i + 1);
            }
            steps.add(new Step(kind, fields[1], kind == Kind.CREATE ? fields[2] : null));
        }
        return new Journal(lines.get(0), steps);
    }

    private static Kind kind(String name) {
        for (Kind kind : Kind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    private static IOException damaged(Path file, int line) {
        return new IOException(file + ":" + line + ": not a step of an interrupted generate, so it cannot be rolled"
                + " back; restore the tree from Git (git checkout -- . ), then delete " + file);
    }
}
