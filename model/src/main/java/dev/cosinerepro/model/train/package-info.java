/**
 * The machinery behind {@link dev.cosinerepro.model.ModelTrainer}: deterministic Glorot
 * initialisation from the run seed and the checkpoint format (parameters, momentum, epoch and step
 * counters, config identity).
 */
package dev.cosinerepro.model.train;
