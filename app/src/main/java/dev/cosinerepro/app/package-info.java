/** Placeholder. */
package dev.cosinerepro.app;
