package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.relmon.service.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relmon bench} runs end to end on a small load and prints every figure it promises. */
class BenchCommandIT {

  @TempDir
  Path dir;

  @Test
  void shouldMeasureScoringAgainstTheRawConsumerAndPrintTheFigures() throws Exception {
    BenchCommand bench = new BenchCommand();
    bench.events = 500;
    bench.warmup = 500;
    bench.pipelineSeconds = 10;
    bench.pipelineWarmup = 5;
    bench.newsSeconds = 10;
    bench.hops = true;
    bench.dataDir = dir;
    bench.json = true;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = bench.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    // --json: the JSON alone on standard output, the text report on standard error.
    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).isZero();
    JsonNode report = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(report.at("/scoring/events").asLong()).isEqualTo(500);
    assertThat(report.at("/scoring/eventsPerSecond").asDouble()).isPositive();
    assertThat(report.at("/scoring/ratioToRawConsumer").asDouble()).isPositive();
    assertThat(report.at("/scoring/recordsWrittenPerEvent").asDouble()).isPositive();
    assertThat(report.at("/scoring/rawConsumerFirstPassSeconds").asDouble()).isPositive();
    // The stream thread's CPU per event of the measured batch, within the whole JVM's.
    assertThat(report.at("/scoring/streamThreadCpuMicrosPerEvent").asDouble()).isPositive()
        .isLessThan(report.at("/scoring/processCpuMicrosPerEvent").asDouble());
    // The Streams floor: read, decode, one record per event, under scoring's settings; its output
    // is not counted as scoring's.
    double floor = report.at("/scoring/streamsFloorEventsPerSecond").asDouble();
    assertThat(floor).isPositive();
    assertThat(report.at("/scoring/ratioToStreamsFloor").asDouble())
        .isCloseTo(report.at("/scoring/eventsPerSecond").asDouble() / floor, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(report.at("/scoring/recordsPerTopic").has(StreamsFloor.OUTPUT)).isFalse();
    // Data records alone: fewer than with the transactions' markers, and more than the events.
    assertThat(report.at("/scoring/dataRecordsWrittenPerEvent").asDouble())
        .isGreaterThan(1).isLessThan(report.at("/scoring/recordsWrittenPerEvent").asDouble());
    assertThat(report.at("/pipeline/accepted").asLong()).isPositive();
    assertThat(report.at("/pipeline/processes/scoring/cpuMsPerArticle").asDouble()).isPositive();
    assertThat(report.at("/pipeline/residentMb/alert").asLong()).isPositive();
    // The coder's own CPU, read from ingest's metrics, and the services' beyond it (issue 16).
    double coding = report.at("/pipeline/codingCpuMsPerArticle").asDouble();
    assertThat(coding).isPositive().isLessThan(report.at("/pipeline/processes/ingest/cpuMsPerArticle").asDouble());
    assertThat(report.at("/pipeline/servicesBeyondCodingCpuMsPerArticle").asDouble()).isCloseTo(
        report.at("/pipeline/processes/ingest/cpuMsPerArticle").asDouble() + report.at("/pipeline/processes/scoring/cpuMsPerArticle").asDouble()
            + report.at("/pipeline/processes/alert/cpuMsPerArticle").asDouble() - coding, org.assertj.core.data.Offset.offset(1e-6));
    // The warm-up's CPU (the JVMs' JIT), reported apart from the measured window's.
    assertThat(report.at("/pipeline/warmup/accepted").asLong()).isPositive();
    assertThat(report.at("/pipeline/warmup/seconds").asDouble()).isBetween(4.5, 60.0);
    assertThat(report.at("/pipeline/warmup/processes/alert/cpuMsPerArticle").asDouble()).isPositive();
    assertThat(report.at("/pipeline/warmup/servicesBeyondCodingCpuMsPerArticle").asDouble()).isCloseTo(
        report.at("/pipeline/warmup/processes/ingest/cpuMsPerArticle").asDouble()
            + report.at("/pipeline/warmup/processes/scoring/cpuMsPerArticle").asDouble()
            + report.at("/pipeline/warmup/processes/alert/cpuMsPerArticle").asDouble()
            - report.at("/pipeline/warmup/codingCpuMsPerArticle").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
    // Exact latencies, from the acceptance time each e-mail names in its header.
    assertThat(report.at("/pipeline/latencyMs/count").asLong()).isPositive();
    assertThat(report.at("/pipeline/latencyMs/p50").asLong()).isPositive()
        .isLessThanOrEqualTo(report.at("/pipeline/latencyMs/p99").asLong())
        .isLessThanOrEqualTo(report.at("/pipeline/latencyMs/max").asLong());
    assertThat(report.at("/scoring/articles").asLong()).isBetween(500L / 15, 500L / 2);
    // The last window, at a news rate (2 articles/s after as long again at that rate): the cost an
    // operator pays around the clock, every process's CPU and the machine's share (issue 16).
    assertThat(report.at("/newsRate/rate").asDouble()).isEqualTo(2.0);
    assertThat(report.at("/newsRate/accepted").asLong()).isBetween(15L, 20L);
    assertThat(report.at("/newsRate/settleSeconds").asLong()).isEqualTo(10);
    double newsShare = report.at("/newsRate/machineShare").asDouble();
    assertThat(newsShare).isPositive().isLessThan(1.0);
    double newsCpu = 0;
    for (String process : new String[] {"ingest", "scoring", "alert", "bench JVM (broker, SMTP, client)"}) {
      assertThat(report.at("/newsRate/processes").get(process).get("cpuSeconds").asDouble()).as(process).isPositive();
      newsCpu += report.at("/newsRate/processes").get(process).get("cpuSeconds").asDouble();
    }
    assertThat(newsShare).isCloseTo(newsCpu / (report.at("/newsRate/seconds").asDouble() * Runtime.getRuntime().availableProcessors()),
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(printed).containsPattern("events                            500 \\(\\d+ articles\\) after a warm-up of 500 \\(\\d+ articles\\)")
        .containsPattern("raw consumer \\(read \\+ decode\\)\\s+[\\d,]+ events/s \\(3,000 events in \\d+\\.\\d{2} s, passes 2–4 of one consumer")
        .containsPattern("Streams floor, exactly_once_v2\\s+[\\d,]+ events/s \\(read, decode, one record per event out; 1,000 events in")
        .containsPattern("scoring / Streams floor\\s+\\d+\\.\\d{3}")
        .containsPattern("scoring, exactly_once_v2\\s+[\\d,]+ events/s")
        .containsPattern("scoring / raw consumer\\s+\\d+\\.\\d{3}")
        .containsPattern("relmon-bench-scoring-sightings-by-dyad-repartition\\s+[\\d,]+")
        // The pipeline phase: services as processes, articles over HTTP, e-mails to a real SMTP server.
        .containsPattern("pipeline load\\s+\\d+ articles/s accepted over 10 s")
        .containsPattern("alert e-mails accepted by SMTP\\s+[1-9][\\d,]* \\(latency observations: [1-9]")
        .containsPattern("p50 " + BenchCommand.QUANTILE + ", p95 " + BenchCommand.QUANTILE + ", p99 " + BenchCommand.QUANTILE)
        .containsPattern("exact, from each e-mail's header\\s+p50 [\\d,]+ ms, p95 [\\d,]+ ms, p99 [\\d,]+ ms, max [\\d,]+ ms")
        .containsPattern("relmon.events.v1\\s+[1-9][\\d,]*\\s+[\\d,]+ / ")
        .containsPattern("records written per coded event\\s+\\d+\\.\\d{2}")
        .containsPattern("CPU used in the \\d+-s warm-up \\(the JVMs' start and JIT, [\\d,]+ articles\\):")
        .containsPattern("CPU used in the measured \\d+ s")
        .containsPattern("scoring\\s+\\d+\\.\\d s  \\(\\d+\\.\\d{2} ms per article\\)")
        .containsPattern("of ingest's, coding \\(the coder\\)\\s+\\d+\\.\\d s  \\(\\d+\\.\\d{2} ms per article\\)")
        .containsPattern("the three services beyond coding\\s+-?\\d+\\.\\d{2} ms per article")
        .containsPattern("resident memory, ingest\\s+[1-9][\\d,]* MB")
        .containsPattern("resident memory, scoring\\s+[1-9][\\d,]* MB")
        .containsPattern("resident memory, alert\\s+[1-9][\\d,]* MB")
        .containsPattern("at news rate\\s+\\d+ articles/s accepted over 10 s \\(\\d+ articles\\), after 10 s at that rate")
        .containsPattern("all processes together\\s+\\d+\\.\\d s of \\d+ s: \\d+\\.\\d% of the machine");
  }
}
