package dev.cosinerepro.activities.report;

import dev.cosinerepro.workflows.spec.Provenance;
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
 * @param pairedDifferences each method against cross-entropy (and each semantic embedding against
 *     one-hot), paired by seed, with 95 % intervals
 * @param rates every group's learning-rate grid
 * @param notes the notes on reading the numbers
 * @param departures every departure from the paper's protocol with the groups it applies to
 * @param rehearsal whether the plan is a shrunk rehearsal ({@code request.plan.rehearsal} says how)
 * @param provenance what produced the report's results: code, libraries, workers, devices, dataset
 *     checksums, the plan's hash and the training span
 * @param runs the stored result of every run the outcomes name
 * @param missingRuns ids of runs without a stored result
 * @param workers the worker identities that trained each run, by run id (from its chunk timings;
 *     runs whose timings name no worker are left out; {@code null} in documents written before)
 * @param convergence each group's final training accuracy and last test accuracies at its chosen
 *     rate ({@code null} in documents written before)
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
    List<String> departures,
    boolean rehearsal,
    Provenance provenance,
    List<RunResult> runs,
    List<String> missingRuns,
    Map<String, List<String>> workers,
    List<ConvergenceRow> convergence) {}
