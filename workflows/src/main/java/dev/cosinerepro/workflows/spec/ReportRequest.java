package dev.cosinerepro.workflows.spec;

import java.util.List;

/**
 * Asks for the report of a reproduction.
 *
 * @param planWorkflowId the workflow id of the reproduction; reports are stored under it
 * @param plan the plan
 * @param groups the outcome of every group, in plan order
 */
public record ReportRequest(String planWorkflowId, PlanSpec plan, List<GroupOutcome> groups) {}
