/**
 * Optimisation as the paper's Keras code did it: SGD with momentum whose state is keyed by
 * parameter name (so checkpoints carry it), gradient clipping by the global norm, and the
 * learning-rate schedules (SGDR with warm restarts set once per epoch, or a constant rate).
 */
package dev.cosinerepro.model.optim;
