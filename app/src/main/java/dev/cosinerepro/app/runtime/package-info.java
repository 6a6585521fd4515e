/**
 * What the commands run on: connections to Temporal and the object store (embedded or external),
 * the worker that serves the task queues, and the follower that draws a plan's progress.
 */
package dev.cosinerepro.app.runtime;
