package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * Asks for the report of a reproduction, built from the results stored for its runs.
 *
 * @param planWorkflowId the workflow id of the reproduction; reports are stored under it
 * @param planName the plan's name
 * @param runIds the runs to report, in plan order; runs without a stored result are listed as
 *     missing
 */
public record ReportRequest(String planWorkflowId, String planName, List<String> runIds) {}
