package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * A written report.
 *
 * @param keys object-store keys of the report files (Markdown, CSV, JSON)
 * @param markdown the main table in Markdown, for a terminal
 */
public record ReportRef(List<String> keys, String markdown) {}
