/**
 * The group workflow: one experiment group's learning-rate grid (and seeds) as run workflows,
 * searched in full or by successive halving at SGDR restarts, summarised into the group's figure.
 */
package dev.cosinerepro.workflows.group;
