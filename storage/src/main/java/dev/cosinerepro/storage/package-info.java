/** Placeholder. */
package dev.cosinerepro.storage;
