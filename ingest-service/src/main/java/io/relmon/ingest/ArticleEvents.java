package io.relmon.ingest;

import io.relmon.coder.Coding;
import io.relmon.coder.CodedEvent;
import io.relmon.coder.LeaderMention;
import io.relmon.schemas.avro.ArticleEvent;
import java.time.Instant;

/** Maps an article and its coding to the {@code relmon.articles.v1} contract. */
public final class ArticleEvents {
  private ArticleEvents() {}

  public static ArticleEvent of(Article article, SourceRegistry.Outlet outlet, Coding coding, String coderVersion, Instant receivedAt) {
    return ArticleEvent.newBuilder()
        .setArticleId(article.id())
        .setUrl(article.url())
        .setSource(article.source())
        .setSourceKind(outlet.kind())
        .setSourceCountry(outlet.country())
        .setTitle(article.title())
        .setBody(article.body())
        .setPublished(article.published().toInstant())
        .setReceivedAt(receivedAt)
        .setCoderVersion(coderVersion)
        .setEvents(coding.events().stream().map(ArticleEvents::event).toList())
        .setLeaderMentions(coding.leaderMentions().stream().map(ArticleEvents::mention).toList())
        .build();
  }

  static io.relmon.schemas.avro.CodedEvent event(CodedEvent e) {
    return io.relmon.schemas.avro.CodedEvent.newBuilder()
        .setType(io.relmon.schemas.avro.EventType.valueOf(e.type().name()))
        .setActor(e.actor())
        .setTargets(e.targets())
        .setDate(e.date())
        .setModality(io.relmon.schemas.avro.Modality.valueOf(e.modality().name()))
        .setWeight(e.weight())
        .setConfidence(e.confidence())
        .setPlover(e.plover())
        .setPloverMode(e.ploverMode())
        .setCameo(e.cameo())
        .setEvidence(e.evidence())
        .setEvidenceStart(e.evidenceStart())
        .setEvidenceEnd(e.evidenceEnd())
        .build();
  }

  static io.relmon.schemas.avro.LeaderMention mention(LeaderMention m) {
    return io.relmon.schemas.avro.LeaderMention.newBuilder()
        .setLeaderCountry(m.leaderCountry())
        .setLeader(m.leader())
        .setOrder(m.order())
        .setNamed(m.named())
        .setGroupSize(m.groupSize())
        .setTextShare(m.textShare())
        .build();
  }
}
