/**
 * The reproduction workflow: one plan, all of its runs as child workflows, and the report at the
 * end.
 */
package dev.cosinerepro.workflows.plan;
