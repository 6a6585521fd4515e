/** Placeholder. */
package dev.cosinerepro.datasets;
