package io.relmon.alert.rules;

import io.relmon.schemas.avro.Severity;
import io.relmon.schemas.avro.SignalType;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and validates a rules file (YAML). Every problem in the file is reported at once, each
 * with its line number; a file with any problem yields no rules, and the service refuses to start.
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

  private final List<String> errors = new ArrayList<>();

  private RulesFile() {}

  public static RuleSet read(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      return parse(reader, file.toString());
    } catch (IOException e) {
      throw new RulesException(List.of(file + ": cannot read (" + e.getMessage() + ")"));
    }
  }

  public static RuleSet parse(String yaml, String origin) {
    return parse(new StringReader(yaml), origin);
  }

  private static RuleSet parse(Reader reader, String origin) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(reader);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new RulesException(List.of(origin + ":" + line + ": not valid YAML: " + e.getProblem()));
    } catch (RuntimeException e) {
      throw new RulesException(List.of(origin + ": not valid YAML: " + e.getMessage()));
    }
    RulesFile file = new RulesFile();
    RuleSet set = file.read(root);
    if (!file.errors.isEmpty()) {
      throw new RulesException(file.errors.stream().map(e -> origin + ":" + e).toList());
    }
    return set;
  }

  private RuleSet read(Node root) {
    if (!(root instanceof MappingNode top)) {
      error(root, "expected a mapping with 'channels' and 'rules'");
      return new RuleSet(List.of(), Map.of());
    }
    Map<String, Node> fields = fields(top, Set.of("channels", "rules"));
    Map<String, Channel> channels = new LinkedHashMap<>();
    Node channelsNode = fields.get("channels");
    if (channelsNode instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        String name = scalar(tuple.getKeyNode());
        Channel channel = channel(name, tuple.getValueNode());
        if (channel != null) {
          channels.put(name, channel);
        }
      }
    } else {
      error(channelsNode == null ? top : channelsNode, "'channels' must be a mapping of channel names");
    }
    List<Rule> rules = new ArrayList<>();
    Node rulesNode = fields.get("rules");
    if (rulesNode instanceof SequenceNode sequence) {
      Set<String> names = new HashSet<>();
      for (Node item : sequence.getValue()) {
        Rule rule = rule(item, channels.keySet());
        if (rule != null && !names.add(rule.name())) {
          error(item, "rule name '" + rule.name() + "' is used twice");
        } else if (rule != null) {
          rules.add(rule);
        }
      }
    } else {
      error(rulesNode == null ? top : rulesNode, "'rules' must be a list");
    }
    return new RuleSet(rules, channels);
  }

  private Channel channel(String name, Node node) {
    if (name == null || !NAME.matcher(name).matches()) {
      error(node, "channel name '" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
    }
    if (!(node instanceof MappingNode mapping)) {
      error(node, "channel '" + name + "' must be a mapping with 'email'");
      return null;
    }
    Map<String, Node> fields = fields(mapping, Set.of("email", "webhook", "digest"));
    Optional<DailyDigest> digest = fields.containsKey("digest") ? digest(name, fields.get("digest")) : Optional.empty();
    Node webhook = fields.get("webhook");
    if (webhook instanceof MappingNode webhookMapping) {
      Map<String, Node> hookFields = fields(webhookMapping, Set.of("url", "secret_env"));
      String url = requiredScalar(hookFields, "url", webhook);
      String secretEnv = requiredScalar(hookFields, "secret_env", webhook);
      java.net.URI uri = null;
      if (url != null) {
        try {
          uri = java.net.URI.create(url);
          if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            error(hookFields.get("url"), "channel '" + name + "': webhook url must be an absolute http(s) URL");
          }
        } catch (IllegalArgumentException e) {
          error(hookFields.get("url"), "channel '" + name + "': webhook url is not a URL");
        }
      }
      if (secretEnv != null && !secretEnv.matches("[A-Z_][A-Z0-9_]*")) {
        error(hookFields.get("secret_env"), "channel '" + name + "': secret_env names an environment variable, e.g. RELMON_WEBHOOK_SECRET");
      }
      return uri == null || secretEnv == null ? null : new Channel.Webhook(name, uri, secretEnv, digest);
    }
    Node email = fields.get("email");
    if (!(email instanceof MappingNode emailMapping)) {
      error(node, "channel '" + name + "' needs 'email' (with 'to') or 'webhook' (with 'url' and 'secret_env')");
      return null;
    }
    Map<String, Node> emailFields = fields(emailMapping, Set.of("to"));
    List<String> to = strings(emailFields.get("to"), email, "email.to");
    if (to.isEmpty()) {
      error(email, "channel '" + name + "': email.to needs at least one address");
    }
    for (String address : to) {
      if (!EMAIL.matcher(address).matches()) {
        error(emailFields.get("to"), "channel '" + name + "': '" + address + "' is not an e-mail address");
      }
    }
    return new Channel.Email(name, to, digest);
  }

  /** {@code digest: {daily_at: "07:30", zone: Asia/Seoul}}; the zone defaults to UTC. */
  private Optional<DailyDigest> digest(String channel, Node node) {
    if (!(node instanceof MappingNode mapping)) {
      error(node, "channel '" + channel + "': digest must be a mapping with 'daily_at' (HH:MM) and optionally 'zone'");
      return Optional.empty();
    }
    Map<String, Node> fields = fields(mapping, Set.of("daily_at", "zone"));
    String at = requiredScalar(fields, "daily_at", node);
    LocalTime time = null;
    if (at != null) {
      try {
        time = LocalTime.parse(at.length() == 4 ? "0" + at : at, DateTimeFormatter.ofPattern("HH:mm"));
      } catch (DateTimeParseException e) {
        error(fields.get("daily_at"), "channel '" + channel + "': daily_at '" + at + "' is not a time of day such as 07:30");
      }
    }
    ZoneId zone = ZoneOffset.UTC;
    if (fields.containsKey("zone")) {
      String text = requiredScalar(fields, "zone", node);
      try {
        zone = text == null ? ZoneOffset.UTC : ZoneId.of(text);
      } catch (java.time.DateTimeException e) {
        error(fields.get("zone"), "channel '" + channel + "': zone '" + text + "' is not a time zone such as Asia/Seoul or UTC");
      }
    }
    return time == null ? Optional.empty() : Optional.of(new DailyDigest(time, zone));
  }

  private Rule rule(Node node, Set<String> channelNames) {
    if (!(node instanceof MappingNode mapping)) {
      error(node, "each rule must be a mapping");
      return null;
    }
    int before = errors.size();
    Map<String, Node> f = fields(mapping, Set.of("name", "kind", "dyads", "threshold", "rearm", "delta", "window", "signal",
        "min_weight", "severity", "channels", "cooldown"));
    String name = requiredScalar(f, "name", node);
    if (name != null && !NAME.matcher(name).matches()) {
      error(f.get("name"), "rule name '" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
    }
    String kind = requiredScalar(f, "kind", node);
    if (kind != null && !Set.of("warmth_below", "drop", "signal").contains(kind)) {
      error(f.get("kind"), "kind '" + kind + "' is not one of warmth_below, drop, signal");
    }
    for (String key : List.of("threshold", "rearm", "delta", "window", "signal", "min_weight")) {
      boolean belongs = switch (key) {
        case "threshold", "rearm" -> "warmth_below".equals(kind);
        case "delta", "window" -> "drop".equals(kind);
        default -> "signal".equals(kind);
      };
      if (f.containsKey(key) && kind != null && !belongs) {
        error(f.get(key), "'" + key + "' does not apply to a " + kind + " rule");
        f.remove(key);
      }
    }
    Set<String> dyads = new LinkedHashSet<>();
    Node dyadsNode = f.get("dyads");
    if (dyadsNode == null) {
      error(node, "dyads: required (a list such as [CHN-PRK] or 'all')");
    } else if (!(dyadsNode instanceof ScalarNode s && "all".equals(s.getValue()))) {
      for (String dyad : strings(dyadsNode, node, "dyads")) {
        if (io.relmon.service.Dyad.parse(dyad).isEmpty()) {
          error(dyadsNode, "dyad '" + dyad + "' must be two ISO3 codes in alphabetical order, e.g. CHN-PRK");
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
      threshold = number(f, "threshold", node);
      rearm = number(f, "rearm", node);
      if (threshold != null && (threshold < -100 || threshold > 100)) {
        error(f.get("threshold"), "threshold must be within -100..100");
      }
      if (threshold != null && rearm != null && rearm <= threshold) {
        error(f.get("rearm"), "rearm (" + rearm + ") must be above the threshold (" + threshold + ")");
      }
    } else if ("drop".equals(kind)) {
      delta = number(f, "delta", node);
      if (delta != null && (delta <= 0 || delta > 200)) {
        error(f.get("delta"), "delta must be within 0..200 (points of warmth), above 0");
      }
      if (f.get("window") != null) {
        window = duration(f.get("window"), "window");
        if (window != null && (window.isZero() || window.isNegative() || window.toDays() > 90)) {
          error(f.get("window"), "window must be between one day and 90 days (the warmth history kept)");
        }
      }
    } else if ("signal".equals(kind)) {
      String type = requiredScalar(f, "signal", node);
      if (type != null) {
        try {
          signal = SignalType.valueOf(type);
        } catch (IllegalArgumentException e) {
          error(f.get("signal"), "signal '" + type + "' must be TIMED_PROVOCATION, PROMINENCE_SHIFT or PIVOT");
        }
      }
      if (f.get("min_weight") != null) {
        Double w = number(f, "min_weight", node);
        minWeight = w == null ? 0 : w;
        if (minWeight < 0) {
          error(f.get("min_weight"), "min_weight compares with |weight|: it must not be negative");
        }
      }
    }
    Severity severity = null;
    String severityText = requiredScalar(f, "severity", node);
    if (severityText != null) {
      try {
        severity = Severity.valueOf(severityText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        error(f.get("severity"), "severity '" + severityText + "' must be INFO, WARNING or CRITICAL");
      }
    }
    List<String> channels = strings(f.get("channels"), node, "channels");
    if (channels.isEmpty()) {
      error(node, "channels: at least one channel");
    }
    for (String channel : channels) {
      if (!channelNames.contains(channel)) {
        error(f.get("channels"), "channel '" + channel + "' is not defined under 'channels'");
      }
    }
    Duration cooldown = Duration.ZERO;
    if (f.get("cooldown") != null) {
      cooldown = duration(f.get("cooldown"), "cooldown");
      if (cooldown != null && cooldown.isNegative()) {
        error(f.get("cooldown"), "cooldown must not be negative");
      }
    }
    if (errors.size() > before) {
      return null;
    }
    return switch (kind) {
      case "warmth_below" -> new Rule.WarmthBelow(name, Set.copyOf(dyads), threshold, rearm, severity, channels, cooldown);
      case "drop" -> new Rule.Drop(name, Set.copyOf(dyads), delta, window, severity, channels, cooldown);
      default -> new Rule.SignalRule(name, Set.copyOf(dyads), signal, minWeight, severity, channels, cooldown);
    };
  }

  private Duration duration(Node node, String key) {
    String text = scalar(node);
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException | NullPointerException e) {
      error(node, key + " '" + text + "' is not an ISO-8601 duration such as PT6H, P1D or P30D");
      return null;
    }
  }

  private Map<String, Node> fields(MappingNode mapping, Set<String> known) {
    Map<String, Node> fields = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalar(tuple.getKeyNode());
      if (!known.contains(key)) {
        error(tuple.getKeyNode(), "unknown key '" + key + "' (expected one of " + new java.util.TreeSet<>(known) + ")");
      } else if (fields.put(key, tuple.getValueNode()) != null) {
        error(tuple.getKeyNode(), "key '" + key + "' appears twice");
      }
    }
    return fields;
  }

  private String requiredScalar(Map<String, Node> fields, String key, Node parent) {
    Node node = fields.get(key);
    if (node == null) {
      error(parent, key + ": required");
      return null;
    }
    String value = scalar(node);
    if (value == null || value.isBlank()) {
      error(node, key + ": must be a single value");
      return null;
    }
    return value;
  }

  private Double number(Map<String, Node> fields, String key, Node parent) {
    String text = requiredScalar(fields, key, parent);
    if (text == null) {
      return null;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      error(fields.get(key), key + ": '" + text + "' is not a number");
      return null;
    }
  }

  private List<String> strings(Node node, Node parent, String what) {
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        String value = scalar(item);
        if (value == null) {
          error(item, what + ": each item must be a single value");
        } else {
          values.add(value);
        }
      }
    } else {
      error(node, what + ": must be a list");
    }
    return values;
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : null;
  }

  private void error(Node node, String message) {
    int line = node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    errors.add(line + ": " + message);
  }
}
