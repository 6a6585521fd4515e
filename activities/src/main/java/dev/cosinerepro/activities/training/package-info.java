/**
 * Training activities: a chunk of epochs of one run, resumed from the latest complete checkpoint in
 * the object store, with a checkpoint and the epoch's metrics written after every epoch and live
 * series for Prometheus.
 */
package dev.cosinerepro.activities.training;
