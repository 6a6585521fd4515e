package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.ReportRequest;
import dev.cosinerepro.workflows.spec.RunResult;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json}: the request and every table derived from it.
 *
 * @param request the report request (plan and group outcomes)
 * @param table2 the Table 2 cells
 * @param relativeGains the relative differences to cross-entropy of Table 2
 * @param table3 the Table 3 cells
 * @param fig3 the Fig. 3 points
 * @param pivots the cells of the other groups
 * @param pairedDifferences each method against cross-entropy, paired by seed, with 95 % intervals
 * @param rates every group's learning-rate grid
 * @param notes the notes on reading the numbers
 * @param runs the stored result of every run the outcomes name
 * @param missingRuns ids of runs without a stored result
 * @param workers the worker identities that trained each run, by run id (from its chunk timings;
 *     runs whose timings name no worker are left out; {@code null} in documents written before)
 */
public record ReportDocument(
    ReportRequest request,
    List<ReportCell> table2,
    List<RelativeGain> relativeGains,
    List<ReportCell> table3,
    List<ReportCell> fig3,
    List<ReportCell> pivots,
    List<PairedDifference> pairedDifferences,
    List<RateRow> rates,
    List<String> notes,
    List<RunResult> runs,
    List<String> missingRuns,
    Map<String, List<String>> workers) {}
