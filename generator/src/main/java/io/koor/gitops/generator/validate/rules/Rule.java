package io.koor.gitops.generator.validate.rules;

import io.koor.gitops.generator.schema.Severity;
import java.util.function.BiConsumer;

/**
 * One semantic check over the whole tree. The id is stable (suppressions and CI dashboards refer
 * to it); the severity follows DESIGN.md's policy; the doc is the one line users see in reports.
 */
public record Rule(String id, Severity severity, String doc, BiConsumer<TreeIndex, Findings> check) {
}
