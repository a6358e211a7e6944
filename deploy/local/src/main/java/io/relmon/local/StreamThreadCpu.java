package io.relmon.local;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of this JVM's Kafka Streams stream threads, and of the whole process, at one moment:
 * the bench runs scoring in its own JVM, so the difference of two readings is what a batch of
 * events cost the thread that processes them — a figure that moves less between hosts than a
 * rate does.
 *
 * @param streamThreadNanos CPU time of each live stream thread, by thread id
 * @param processNanos CPU time of the process
 */
record StreamThreadCpu(Map<Long, Long> streamThreadNanos, long processNanos) {

  /** A stream thread's own name; its producer's and consumers' network threads carry it as a prefix. */
  private static final Pattern STREAM_THREAD = Pattern.compile(".*-StreamThread-\\d+");

  /** What a stretch of time cost: the stream threads together, and the process. */
  record Used(long streamThreadNanos, long processNanos) {}

  static StreamThreadCpu now() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> nanos = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && STREAM_THREAD.matcher(info.getThreadName()).matches()) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        if (cpu >= 0) {
          nanos.put(info.getThreadId(), cpu);
        }
      }
    }
    return new StreamThreadCpu(Map.copyOf(nanos), processCpuNanos());
  }

  /** Since {@code before}; a stream thread started in between counts from zero. */
  Used since(StreamThreadCpu before) {
    long streams = 0;
    for (Map.Entry<Long, Long> thread : streamThreadNanos.entrySet()) {
      streams += thread.getValue() - before.streamThreadNanos.getOrDefault(thread.getKey(), 0L);
    }
    return new Used(streams, processNanos - before.processNanos);
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
