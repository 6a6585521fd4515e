/** Reports: the results of a reproduction as Markdown, CSV and JSON in the object store. */
package dev.cosinerepro.activities.report;
