package io.koor.gitops.validator.rules;

import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.SourceObject;
import java.util.ArrayList;
import java.util.List;

/** Collects the violations of one rule, filling in the rule's id and severity. */
public final class Findings {
    private final Rule rule;
    private final List<Violation> out = new ArrayList<>();

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
        return out;
    }
}
