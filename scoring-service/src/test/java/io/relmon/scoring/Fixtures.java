package io.relmon.scoring;

import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.CodedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.SourceKind;
import java.time.Instant;
import java.util.List;

/** Article events and coded events for scoring tests. */
final class Fixtures {
  static {
    // Records built here may come before any serde has trusted relmon's classes (AvroTrust says why).
    io.relmon.schemas.AvroTrust.install();
  }

  private Fixtures() {}

  static CodedEvent event(EventType type, String actor, List<String> targets, String date, double weight) {
    return event(type, actor, targets, date, weight, Modality.FACT);
  }

  static CodedEvent event(EventType type, String actor, List<String> targets, String date, double weight, Modality modality) {
    String evidence = actor + " " + type + " " + targets + " on " + date + ".";
    return CodedEvent.newBuilder()
        .setType(type).setActor(actor).setTargets(targets).setDate(date).setModality(modality)
        .setWeight(weight).setConfidence(1.0).setPlover("").setCameo("")
        .setEvidence(evidence).setEvidenceStart(0).setEvidenceEnd(evidence.length())
        .build();
  }

  static ArticleEvent article(String id, String published, CodedEvent... events) {
    return ArticleEvent.newBuilder()
        .setArticleId(id).setUrl("https://news.example/" + id).setSource("test wire")
        .setSourceKind(SourceKind.WIRE).setTitle("t " + id).setBody("b")
        .setPublished(Instant.parse(published)).setReceivedAt(Instant.parse(published))
        .setCoderVersion("test").setEvents(List.of(events)).setLeaderMentions(List.of())
        .build();
  }
}
