/** Checks of the docker/ deployment against the code (no container engine runs in the tests). */
package dev.cosinerepro.app.docker;
