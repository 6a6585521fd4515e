/** Placeholder. */
package dev.cosinerepro.model;
