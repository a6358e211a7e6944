package io.relmon.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.schemas.Topics;
import io.relmon.scoring.warmth.WarmthParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The topology's names carry state (stores, changelogs, repartition topics): a change to them is
 * an upgrade step. docs/topology.md keeps {@code Topology#describe()}; this test fails when the
 * topology changes without that page, and writes the new description to
 * target/topology-described.txt to copy in.
 */
class TopologyDescriptionTest {

  @Test
  void shouldMatchTheDescriptionInTheDocs() throws Exception {
    String described = ScoringTopology.build(Topics.defaults(), ScoringParameters.defaults(), ScoringTopologyTest.props())
        .describe().toString().strip();
    Files.writeString(Path.of("target/topology-described.txt"), described + "\n");

    String docs = Files.readString(Path.of("../docs/topology.md"));
    String begin = "<!-- scoring-topology:begin -->\n```\n";
    String end = "\n```\n<!-- scoring-topology:end -->";
    assertThat(docs).contains(begin).contains(end);
    String documented = docs.substring(docs.indexOf(begin) + begin.length(), docs.indexOf(end)).strip();

    assertThat(documented)
        .as("scoring topology changed: review the upgrade impact, then copy target/topology-described.txt into docs/topology.md")
        .isEqualTo(described);
  }
}
