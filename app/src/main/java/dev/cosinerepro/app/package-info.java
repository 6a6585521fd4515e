/**
 * The application: the {@code repro} command line, the worker bootstrap and the embedded stack that
 * lets one command run a whole plan on a laptop.
 */
package dev.cosinerepro.app;
