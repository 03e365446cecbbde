package io.koor.gitops.validator.rules;

import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.SourceObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the violations of one rule, filling in the rule's id and severity. A file several
 * clusters get is judged in each: the same finding is kept once.
 */
public final class Findings {
    private final Rule rule;
    private final Set<Violation> out = new LinkedHashSet<>();

    Findings(Rule rule) {
        this.rule = rule;
    }

    public void at(SourceObject object, String pointer, String message, String hint) {
        out.add(new Violation(rule.id(), rule.severity(), object.id(), object.file(), object.line(), pointer, message, hint));
    }

    public void atFile(String file, int line, String resource, String message, String hint) {
        out.add(new Violation(rule.id(), rule.severity(), resource, file, line, "", message, hint));
    }

    List<Violation> violations() {
        return List.copyOf(out);
    }
}
