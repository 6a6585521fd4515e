/**
 * The live page of {@code repro up}: a read-only web page on 127.0.0.1 that shows the
 * reproductions, their groups' and runs' progress and ETA, live training curves, failures, and the
 * finished report ({@code report.html} from the store). It reads what {@code repro status} reads:
 * workflow queries and the runs' metrics logs in the object store.
 */
package dev.cosinerepro.app.web;
