/**
 * Reports: a reproduction's results beside the paper's — Table 2, Table 3, Fig. 3, other groups,
 * the learning-rate grids, failures and notes — as Markdown, CSV, JSON and PNG charts in the object
 * store.
 */
package dev.cosinerepro.activities.report;
