/**
 * The run workflow: one experiment from its stored state to its result, training in checkpointed
 * chunks of epochs. Its workflow id derives from the run's spec hash, so the same run is never
 * trained twice at once.
 */
package dev.cosinerepro.workflows.run;
