/**
 * Tests with real clients on real protocols: Debian's awscli and curl against the embedded S3
 * endpoint, Debian's prometheus against the metrics endpoint. Each skips when its program is
 * absent.
 */
package dev.cosinerepro.app.clients;
