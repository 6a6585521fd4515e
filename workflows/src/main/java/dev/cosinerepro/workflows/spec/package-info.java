/**
 * The immutable records that carry an experiment from the plan through the workflows into the
 * activities.
 *
 * <p>{@link dev.cosinerepro.workflows.spec.RunSpec} is the one record that holds every
 * hyper-parameter of a run; its canonical form is the run's identity ({@link
 * dev.cosinerepro.workflows.spec.RunSpec#id()}), so starting the same plan twice never trains a
 * finished run again.
 */
package dev.cosinerepro.workflows.spec;
