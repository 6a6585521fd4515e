/**
 * Data preparation: datasets found or downloaded and verified, subsets drawn, and the results
 * stored as shards that training workers read instead of the original files.
 */
package dev.cosinerepro.activities.data;
