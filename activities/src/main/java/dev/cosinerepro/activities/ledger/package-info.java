/** The run ledger: specs, results and what the object store holds of each run. */
package dev.cosinerepro.activities.ledger;
