/**
 * Deterministic orchestration of the paper's experiments: the workflow interfaces and
 * implementations, the activity interfaces they call, and the records that cross the wire.
 *
 * <p>Nothing in this module does I/O, reads clocks or draws random numbers, and nothing depends on
 * DJL, so every workflow can be replay-tested in isolation. Activities are implemented in the
 * {@code activities} module; they exchange object-store keys, never local paths.
 */
package dev.cosinerepro.workflows;
