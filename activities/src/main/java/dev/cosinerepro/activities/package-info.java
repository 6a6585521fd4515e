/**
 * The activity implementations: everything that touches the object store, datasets and DJL on
 * behalf of the workflows. Each implementation takes its collaborators through its constructor, so
 * tests can hand in fakes.
 */
package dev.cosinerepro.activities;
