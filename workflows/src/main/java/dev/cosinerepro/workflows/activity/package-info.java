/**
 * The activity interfaces the workflows call. Implementations live in the {@code activities}
 * module; every argument and result is a record of {@link dev.cosinerepro.workflows.spec}, and data
 * moves as object-store keys.
 */
package dev.cosinerepro.workflows.activity;
