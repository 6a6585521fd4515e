/** Placeholder. */
package dev.cosinerepro.activities;
