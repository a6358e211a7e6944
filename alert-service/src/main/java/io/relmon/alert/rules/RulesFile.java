package io.relmon.alert.rules;

import io.relmon.schemas.avro.Severity;
import io.relmon.schemas.avro.SignalType;
import io.relmon.service.YamlDocument;
import io.relmon.service.YamlDocument.Fields;
import io.relmon.service.YamlDocument.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a rules file (YAML, read by {@link YamlDocument}). Every problem in the file
 * is reported at once, each with its line and path ({@code rules.yaml:11: rules[0].severity: ...});
 * a file with any problem yields no rules, and the service refuses to start.
 *
 * <pre>
 * channels:
 *   korea-desk:
 *     email:
 *       to: [korea-desk@example.org]
 *   morning-brief:
 *     email:
 *       to: [brief@example.org]
 *     digest:                       # optional: one delivery a day instead of one per alert
 *       daily_at: "07:30"
 *       zone: Asia/Seoul            # optional, default UTC
 * rules:
 *   - name: korean-peninsula-cooling
 *     kind: warmth_below
 *     dyads: [CHN-PRK, KOR-PRK]     # or: all
 *     threshold: -10
 *     rearm: -5                     # must be above the threshold
 *     severity: WARNING             # INFO, WARNING, CRITICAL
 *     channels: [korea-desk]
 *     cooldown: P1D                 # optional, ISO-8601 duration
 *   - name: sudden-cooling
 *     kind: drop
 *     dyads: all
 *     delta: 20                     # points of warmth lost from the window's high
 *     window: P30D                  # optional, default P30D, at most P90D
 *     severity: CRITICAL
 *     channels: [korea-desk]
 *   - name: provocations
 *     kind: signal
 *     dyads: all
 *     signal: TIMED_PROVOCATION     # TIMED_PROVOCATION, PROMINENCE_SHIFT, PIVOT
 *     min_weight: 3                 # optional: least |weight|
 *     severity: WARNING
 *     channels: [korea-desk]
 * </pre>
 */
public final class RulesFile {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private RulesFile() {}

  public static RuleSet read(Path file) {
    return read(YamlDocument.read(file, RulesException::new));
  }

  public static RuleSet parse(String yaml, String origin) {
    return read(YamlDocument.parse(yaml, origin, RulesException::new));
  }

  private static RuleSet read(YamlDocument document) {
    Fields top = document.root().fields("expected a mapping with 'channels' and 'rules'", "channels", "rules");
    if (top == null) {
      document.check(RulesException::new);
    }
    Map<String, Channel> channels = new LinkedHashMap<>();
    Node channelsNode = top.get("channels");
    if (channelsNode.isMapping()) {
      channelsNode.entries("'channels' must be a mapping of channel names").forEach((name, node) -> {
        Channel channel = channel(name, node);
        if (channel != null) {
          channels.put(name, channel);
        }
      });
    } else {
      channelsNode.error("must be a mapping of channel names");
    }
    List<Rule> rules = new ArrayList<>();
    Node rulesNode = top.get("rules");
    if (rulesNode.isSequence()) {
      Set<String> names = new HashSet<>();
      for (Node item : rulesNode.items()) {
        Rule rule = rule(document, item, channels.keySet());
        if (rule != null && !names.add(rule.name())) {
          item.error("rule name '" + rule.name() + "' is used twice");
        } else if (rule != null) {
          rules.add(rule);
        }
      }
    } else {
      rulesNode.error("must be a list of rules");
    }
    document.check(RulesException::new);
    return new RuleSet(rules, channels);
  }

  private static Channel channel(String name, Node node) {
    if (!NAME.matcher(name).matches()) {
      node.error("channel name '" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
    }
    Fields fields = node.fields("channel '" + name + "' must be a mapping with 'email' or 'webhook'", "email", "webhook", "digest");
    if (fields == null) {
      return null;
    }
    Optional<DailyDigest> digest = fields.has("digest") ? digest(fields.get("digest")) : Optional.empty();
    if (fields.has("webhook")) {
      Fields hook = fields.get("webhook").fields("must be a mapping with 'url' and 'secret_env'", "url", "secret_env");
      if (hook == null) {
        return null;
      }
      String url = hook.get("url").text();
      String secretEnv = hook.get("secret_env").text();
      java.net.URI uri = null;
      if (url != null) {
        try {
          uri = java.net.URI.create(url);
          if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            hook.get("url").error("must be an absolute http(s) URL");
            uri = null;
          }
        } catch (IllegalArgumentException e) {
          hook.get("url").error("'" + url + "' is not a URL");
        }
      }
      if (secretEnv != null && !secretEnv.matches("[A-Z_][A-Z0-9_]*")) {
        hook.get("secret_env").error("names an environment variable, e.g. RELMON_WEBHOOK_SECRET");
      }
      return uri == null || secretEnv == null ? null : new Channel.Webhook(name, uri, secretEnv, digest);
    }
    if (!fields.has("email")) {
      node.error("needs 'email' (with 'to') or 'webhook' (with 'url' and 'secret_env')");
      return null;
    }
    Fields email = fields.get("email").fields("must be a mapping with 'to'", "to");
    if (email == null) {
      return null;
    }
    Node toNode = email.get("to");
    if (!toNode.absent() && !toNode.isSequence()) {
      toNode.error("must be a list of addresses");
    }
    List<String> to = toNode.isSequence() ? toNode.strings() : List.of();
    if (to.isEmpty()) {
      toNode.error("needs at least one address");
    }
    for (String address : to) {
      if (!EMAIL.matcher(address).matches()) {
        toNode.error("'" + address + "' is not an e-mail address");
      }
    }
    return new Channel.Email(name, to, digest);
  }

  /** {@code digest: {daily_at: "07:30", zone: Asia/Seoul}}; the zone defaults to UTC. */
  private static Optional<DailyDigest> digest(Node node) {
    Fields fields = node.fields("must be a mapping with 'daily_at' (HH:MM) and optionally 'zone'", "daily_at", "zone");
    if (fields == null) {
      return Optional.empty();
    }
    String at = fields.get("daily_at").text();
    LocalTime time = null;
    if (at != null) {
      try {
        time = LocalTime.parse(at.length() == 4 ? "0" + at : at, DateTimeFormatter.ofPattern("HH:mm"));
      } catch (DateTimeParseException e) {
        fields.get("daily_at").error("'" + at + "' is not a time of day such as 07:30");
      }
    }
    ZoneId zone = ZoneOffset.UTC;
    if (fields.has("zone")) {
      String text = fields.get("zone").text();
      try {
        zone = text == null ? ZoneOffset.UTC : ZoneId.of(text);
      } catch (java.time.DateTimeException e) {
        fields.get("zone").error("'" + text + "' is not a time zone such as Asia/Seoul or UTC");
      }
    }
    return time == null ? Optional.empty() : Optional.of(new DailyDigest(time, zone));
  }

  private static Rule rule(YamlDocument document, Node node, Set<String> channelNames) {
    int before = document.problems().size();
    Fields f = node.fields("each rule must be a mapping", "name", "kind", "dyads", "threshold", "rearm", "delta", "window",
        "signal", "min_weight", "severity", "channels", "cooldown");
    if (f == null) {
      return null;
    }
    String name = f.get("name").text();
    if (name != null && !NAME.matcher(name).matches()) {
      f.get("name").error("'" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
    }
    String kind = f.get("kind").text();
    if (kind != null && !Set.of("warmth_below", "drop", "signal").contains(kind)) {
      f.get("kind").error("'" + kind + "' is not one of warmth_below, drop, signal");
    }
    for (String key : List.of("threshold", "rearm", "delta", "window", "signal", "min_weight")) {
      boolean belongs = switch (key) {
        case "threshold", "rearm" -> "warmth_below".equals(kind);
        case "delta", "window" -> "drop".equals(kind);
        default -> "signal".equals(kind);
      };
      if (f.has(key) && kind != null && !belongs) {
        f.get(key).error("does not apply to a " + kind + " rule");
        f.remove(key);
      }
    }
    Set<String> dyads = new LinkedHashSet<>();
    Node dyadsNode = f.get("dyads");
    if (dyadsNode.absent()) {
      dyadsNode.error("required (a list such as [CHN-PRK] or 'all')");
    } else if (!"all".equals(dyadsNode.scalar())) {
      if (!dyadsNode.isSequence()) {
        dyadsNode.error("must be a list such as [CHN-PRK] or 'all'");
      }
      for (String dyad : dyadsNode.isSequence() ? dyadsNode.strings() : List.<String>of()) {
        if (io.relmon.service.Dyad.parse(dyad).isEmpty()) {
          dyadsNode.error("'" + dyad + "' must be two ISO3 codes in alphabetical order, e.g. CHN-PRK");
        }
        dyads.add(dyad);
      }
    }
    Double threshold = null;
    Double rearm = null;
    Double delta = null;
    Duration window = Duration.ofDays(30);
    SignalType signal = null;
    double minWeight = 0;
    if ("warmth_below".equals(kind)) {
      threshold = f.get("threshold").number();
      rearm = f.get("rearm").number();
      if (threshold != null && (threshold < -100 || threshold > 100)) {
        f.get("threshold").error("must be within -100..100");
      }
      if (threshold != null && rearm != null && rearm <= threshold) {
        f.get("rearm").error(rearm + " must be above the threshold (" + threshold + ")");
      }
    } else if ("drop".equals(kind)) {
      delta = f.get("delta").number();
      if (delta != null && (delta <= 0 || delta > 200)) {
        f.get("delta").error("must be within 0..200 (points of warmth), above 0");
      }
      if (f.has("window")) {
        window = f.get("window").duration("P30D");
        if (window != null && (window.isZero() || window.isNegative() || window.toDays() > 90)) {
          f.get("window").error("must be between one day and 90 days (the warmth history kept)");
        }
      }
    } else if ("signal".equals(kind)) {
      String type = f.get("signal").text();
      if (type != null) {
        try {
          signal = SignalType.valueOf(type);
        } catch (IllegalArgumentException e) {
          f.get("signal").error("'" + type + "' must be TIMED_PROVOCATION, PROMINENCE_SHIFT or PIVOT");
        }
      }
      if (f.has("min_weight")) {
        Double w = f.get("min_weight").number();
        minWeight = w == null ? 0 : w;
        if (minWeight < 0) {
          f.get("min_weight").error("compares with |weight|: it must not be negative");
        }
      }
    }
    Severity severity = null;
    String severityText = f.get("severity").text();
    if (severityText != null) {
      try {
        severity = Severity.valueOf(severityText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        f.get("severity").error("'" + severityText + "' must be INFO, WARNING or CRITICAL");
      }
    }
    Node channelsNode = f.get("channels");
    if (!channelsNode.absent() && !channelsNode.isSequence()) {
      channelsNode.error("must be a list of channel names");
    }
    List<String> channels = channelsNode.isSequence() ? channelsNode.strings() : List.of();
    if (channels.isEmpty()) {
      channelsNode.error("at least one channel");
    }
    for (String channel : channels) {
      if (!channelNames.contains(channel)) {
        channelsNode.error("channel '" + channel + "' is not defined under 'channels'");
      }
    }
    Duration cooldown = Duration.ZERO;
    if (f.has("cooldown")) {
      cooldown = f.get("cooldown").duration("PT6H, P1D or P30D");
      if (cooldown != null && cooldown.isNegative()) {
        f.get("cooldown").error("must not be negative");
      }
    }
    if (document.problems().size() > before) {
      return null;
    }
    return switch (kind) {
      case "warmth_below" -> new Rule.WarmthBelow(name, Set.copyOf(dyads), threshold, rearm, severity, channels, cooldown);
      case "drop" -> new Rule.Drop(name, Set.copyOf(dyads), delta, window, severity, channels, cooldown);
      default -> new Rule.SignalRule(name, Set.copyOf(dyads), signal, minWeight, severity, channels, cooldown);
    };
  }
}
