package dev.cosinerepro.app.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cosinerepro.storage.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the steps of a profiled workload spent their time, operator by operator: the summary of a
 * Chrome trace written by libtorch's legacy profiler (this code through {@code OperatorTrace},
 * PyTorch through {@code torch.autograd.profiler.profile(use_kineto=False)}), so both sides are
 * summarised by the same code.
 *
 * <p>An operator's <em>self</em> time is its duration less the durations of the operators it called
 * directly (nesting is read from the start times and durations of the events of one thread: an
 * event that starts inside another and ends inside it is its child). The self times of all
 * operators add up to the time spent inside libtorch operators; {@link #outsideMillisPerStep} is
 * the rest of the wall time of a step: the framework around the operators (Java and JNI, or the
 * Python interpreter) and the profiler's own cost.
 *
 * @param operators self time and calls per step, largest self time first
 * @param insideMillisPerStep time inside top-level operators per step
 * @param wallMillisPerStep wall time of a profiled step
 * @param steps the steps the trace covers
 */
public record OperatorTimes(
    List<OperatorTime> operators, double insideMillisPerStep, double wallMillisPerStep, int steps) {

  /** The key under which a {@link Measurement}'s details carry its profile. */
  public static final String DETAIL = "profile";

  /**
   * One operator's share of a step.
   *
   * @param operator the operator's name as the profiler records it, e.g. {@code
   *     aten::mkldnn_convolution} or {@code ConvolutionBackward0}
   * @param selfMillisPerStep self time per step in milliseconds
   * @param callsPerStep calls per step
   */
  public record OperatorTime(String operator, double selfMillisPerStep, double callsPerStep) {}

  /** A trace event: one operator call, in microseconds. */
  private record Event(String name, long thread, double start, double duration) {
    double end() {
      return start + duration;
    }
  }

  /**
   * The time of a step not spent inside libtorch operators.
   *
   * @return wall time per step less the time inside operators, at least 0
   */
  @JsonProperty("outsideMillisPerStep")
  public double outsideMillisPerStep() {
    return Math.max(0, wallMillisPerStep - insideMillisPerStep);
  }

  /**
   * Summarises a trace file.
   *
   * @param trace the Chrome trace
   * @param steps how many steps it recorded
   * @param wallSeconds the wall time of those steps
   * @return the summary
   * @throws IllegalArgumentException naming the file when it is not a Chrome trace
   */
  public static OperatorTimes read(Path trace, int steps, double wallSeconds) {
    List<?> raw;
    try {
      raw = Json.read(Files.readAllBytes(trace), List.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "The profiler trace " + trace + " is not a Chrome trace (" + e.getMessage() + ").", e);
    }
    List<Event> events = new ArrayList<>();
    for (Object item : raw) {
      if (item instanceof Map<?, ?> event
          && "X".equals(event.get("ph"))
          && event.get("ts") instanceof Number start
          && event.get("dur") instanceof Number duration) {
        events.add(
            new Event(
                String.valueOf(event.get("name")),
                event.get("tid") instanceof Number tid ? tid.longValue() : 0,
                start.doubleValue(),
                duration.doubleValue()));
      }
    }
    return summarise(events, steps, wallSeconds);
  }

  private static OperatorTimes summarise(List<Event> events, int steps, double wallSeconds) {
    if (steps < 1) {
      throw new IllegalArgumentException("A profile covers at least one step, got " + steps + ".");
    }
    events.sort(
        Comparator.comparingLong(Event::thread)
            .thenComparingDouble(Event::start)
            .thenComparing(Comparator.comparingDouble(Event::duration).reversed()));
    Map<String, double[]> byName = new HashMap<>(); // {self microseconds, calls}
    double inside = 0;
    Deque<double[]> open = new ArrayDeque<>(); // the enclosing events: {end, index}
    double[] childTime = new double[events.size()];
    long thread = Long.MIN_VALUE;
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      if (event.thread() != thread) {
        open.clear();
        thread = event.thread();
      }
      while (!open.isEmpty() && open.peek()[0] <= event.start()) {
        open.pop();
      }
      if (open.isEmpty()) {
        inside += event.duration();
      } else {
        childTime[(int) open.peek()[1]] += event.duration();
      }
      open.push(new double[] {event.end(), i});
    }
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      double[] totals = byName.computeIfAbsent(event.name(), name -> new double[2]);
      totals[0] += Math.max(0, event.duration() - childTime[i]);
      totals[1]++;
    }
    List<OperatorTime> operators = new ArrayList<>();
    byName.forEach(
        (name, totals) ->
            operators.add(new OperatorTime(name, totals[0] / 1e3 / steps, totals[1] / steps)));
    operators.sort(
        Comparator.comparingDouble(OperatorTime::selfMillisPerStep)
            .reversed()
            .thenComparing(OperatorTime::operator));
    return new OperatorTimes(
        List.copyOf(operators), inside / 1e3 / steps, wallSeconds * 1e3 / steps, steps);
  }
}
