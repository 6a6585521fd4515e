/**
 * The machinery behind {@link dev.cosinerepro.model.ModelTrainer}: deterministic Glorot
 * initialisation from the run seed and the checkpoint format (parameters, momentum, epoch and step
 * counters, config identity), gradient zeroing and no-gradient scopes, and the stage-by-stage
 * forward pass of evaluation that frees each stage's activations as soon as the next has its input.
 */
package dev.cosinerepro.model.train;
