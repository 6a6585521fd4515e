/** Placeholder. */
package dev.cosinerepro.workflows;
