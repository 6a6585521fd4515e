/**
 * The run ledger: specs, checkpoints, metrics, chunk timings and results, and what the object store
 * holds of each run, all through one {@link dev.cosinerepro.activities.ledger.RunRecord} per run.
 */
package dev.cosinerepro.activities.ledger;
