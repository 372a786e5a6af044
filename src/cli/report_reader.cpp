#include "report_reader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <istream>
#include <limits>

#include "avcsift/emit/report_json.hpp"
#include "avcsift/model/error.hpp"
#include "avcsift/model/identifier.hpp"
#include "avcsift/model/selinux_error.hpp"

namespace avcsift::cli {
namespace {

using nlohmann::json;

/// A JSON value with its path in the document, for errors that say where.
class Field {
 public:
  Field(const json& value, std::string path, const std::string& file)
      : value_(value), path_(std::move(path)), file_(file) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(escape_for_comment(file_) + ": " + (path_.empty() ? "(document)" : path_) + ": " + what,
                ExitStatus::Usage);
  }
  [[nodiscard]] Field at(const std::string& name) const {
    if (!value_.is_object()) fail("expected an object");
    const std::string path = path_.empty() ? name : path_ + "." + name;
    const auto it = value_.find(name);
    if (it == value_.end()) Field(value_, path, file_).fail("missing");
    return Field(*it, path, file_);
  }
  [[nodiscard]] std::vector<Field> elements() const {
    if (!value_.is_array()) fail("expected an array");
    std::vector<Field> out;
    out.reserve(value_.size());
    for (std::size_t i = 0; i < value_.size(); ++i) {
      out.emplace_back(value_[i], path_ + "[" + std::to_string(i) + "]", file_);
    }
    return out;
  }
  [[nodiscard]] std::uint64_t count(std::uint64_t max = std::numeric_limits<std::uint64_t>::max()) const {
    if (!value_.is_number_unsigned()) fail("expected a number");
    const auto number = value_.get<std::uint64_t>();
    if (number > max) fail("expected a number up to " + std::to_string(max));
    return number;
  }
  [[nodiscard]] std::int64_t integer() const {
    if (!value_.is_number_integer()) fail("expected a number");
    if (value_.is_number_unsigned() && value_.get<std::uint64_t>() > std::numeric_limits<std::int64_t>::max()) {
      fail("expected a smaller number");
    }
    return value_.get<std::int64_t>();
  }
  [[nodiscard]] std::string text() const {
    if (!value_.is_string()) fail("expected a string");
    return value_.get<std::string>();
  }
  [[nodiscard]] bool flag() const {
    if (!value_.is_boolean()) fail("expected true or false");
    return value_.get<bool>();
  }
  [[nodiscard]] bool is_null() const { return value_.is_null(); }
  [[nodiscard]] std::vector<std::string> texts() const {
    std::vector<std::string> out;
    for (const auto& element : elements()) out.push_back(element.text());
    return out;
  }
  /// The members of an object, each with its path.
  [[nodiscard]] std::vector<std::pair<std::string, Field>> members() const {
    if (!value_.is_object()) fail("expected an object");
    std::vector<std::pair<std::string, Field>> out;
    for (const auto& [name, value] : value_.items()) out.emplace_back(name, Field(value, path_ + "." + name, file_));
    return out;
  }

 private:
  const json& value_;
  std::string path_;
  const std::string& file_;
};

AuditStamp stamp_of(const Field& field) {
  const auto stamp = AuditStamp::from_full_text(field.text());
  if (!stamp) field.fail("expected a stamp: SECONDS.MMM:SERIAL, then serial_unknown, year_guessed or time_unknown");
  return *stamp;
}

Reason reason_of(const Field& field) {
  constexpr std::array kReasons{Reason::Unknown,    Reason::Allowed,    Reason::DontAudit,
                                Reason::MissingTeRule, Reason::Boolean, Reason::Constraint,
                                Reason::Rbac,       Reason::Bounds,     Reason::NotInPolicy};
  const std::string name = field.text();
  for (const auto reason : kReasons) {
    if (name == reason_name(reason)) return reason;
  }
  field.fail("unknown reason '" + escape_for_comment(name) + "'");
}

SelinuxErrorKind error_kind_of(const Field& field) {
  constexpr std::array kKinds{SelinuxErrorKind::BoundedTransition, SelinuxErrorKind::ValidateTransition,
                              SelinuxErrorKind::BoundsMasked,      SelinuxErrorKind::MlsCopyInvalid,
                              SelinuxErrorKind::SetxattrInvalid,   SelinuxErrorKind::FscreateInvalid};
  const std::string name = field.text();
  for (const auto kind : kKinds) {
    if (name == selinux_error_name(kind)) return kind;
  }
  field.fail("unknown kind '" + escape_for_comment(name) + "'");
}

template <std::size_t Limit>
BoundedSample<Limit> sample_of(const Field& field) {
  const auto values = field.at("values").texts();
  return BoundedSample<Limit>::restore({values.begin(), values.end()}, field.at("overflowed").flag());
}

NodeSet nodes_of(const Field& field) {
  std::vector<NodeSet::Host> sample;
  for (const auto& host : field.at("sample").elements()) {
    sample.push_back({host.at("name").text(), stamp_of(host.at("first_seen")), stamp_of(host.at("last_seen"))});
  }
  auto nodes = NodeSet::restore(field.at("state").text(), std::move(sample));
  if (!nodes) field.fail("the state does not match its sample (or is malformed)");
  return std::move(*nodes);
}

Verdict verdict_of(const Field& field) {
  Verdict verdict;
  verdict.reason = reason_of(field.at("reason"));
  for (const auto& fix : field.at("boolean_fixes").elements()) {
    auto& settings = verdict.boolean_fixes.emplace_back();
    for (const auto& setting : fix.elements()) {
      settings.push_back({setting.at("name").text(), setting.at("value").flag()});
    }
  }
  verdict.constraints = field.at("constraints").texts();
  verdict.cause = field.at("cause").text();
  verdict.undefined_names = field.at("undefined_names").texts();
  for (const auto& other : field.at("other_reasons").elements()) verdict.other_reasons.push_back(reason_of(other));
  verdict.permissive_domain = field.at("permissive_domain").flag();
  for (const auto& m : field.at("level_mismatches").elements()) {
    verdict.level_mismatches.push_back({m.at("left").text(), m.at("op").text(), m.at("right").text(),
                                        m.at("left_level").text(), m.at("right_level").text()});
  }
  return verdict;
}

Rule rule_of(const Field& field) {
  Rule rule;
  rule.verdict = verdict_of(field.at("verdict"));
  rule.key = {field.at("source_type").text(), field.at("target_type").text(), field.at("class").text(),
              rule.verdict.reason, field.at("reason_detail").text()};
  for (auto& permission : field.at("permissions").texts()) rule.permissions.insert(std::move(permission));
  rule.count = field.at("count").count();
  rule.permissive_count = field.at("permissive_count").count();
  rule.first_seen = stamp_of(field.at("first_seen"));
  rule.last_seen = stamp_of(field.at("last_seen"));
  rule.paths = sample_of<kSampleLimit>(field.at("paths"));
  rule.commands = sample_of<kSampleLimit>(field.at("commands"));
  rule.executables = sample_of<kSampleLimit>(field.at("executables"));
  rule.nodes = nodes_of(field.at("nodes"));
  const auto ioctls = field.at("ioctl_commands").elements();
  if (ioctls.size() > kIoctlLimit) field.at("ioctl_commands").fail("more than " + std::to_string(kIoctlLimit));
  for (const auto& command : ioctls) {
    rule.ioctl_commands.insert(static_cast<std::uint32_t>(command.count(std::numeric_limits<std::uint32_t>::max())));
  }
  rule.source_role = field.at("source_role").text();
  rule.first_stamp = stamp_of(field.at("first_stamp"));
  rule.first_host = field.at("first_host").text();
  if (const Field port = field.at("port"); !port.is_null()) {
    rule.port = static_cast<std::uint32_t>(port.count(std::numeric_limits<std::uint32_t>::max()));
  }
  rule.port_stamp = stamp_of(field.at("port_stamp"));
  rule.port_host = field.at("port_host").text();
  return rule;
}

SecurityContext context_of(const Field& field) {
  return {field.at("user").text(), field.at("role").text(), field.at("type").text(), field.at("level").text()};
}

void read_hidden(const Field& list, explain::HiddenFailureTally& hidden) {
  for (const auto& field : list.elements()) {
    explain::HiddenFailureTally::Entry entry;
    entry.count = field.at("count").count();
    entry.first_seen = stamp_of(field.at("first_seen"));
    entry.last_seen = stamp_of(field.at("last_seen"));
    entry.paths = sample_of<8>(field.at("paths"));
    entry.nodes = nodes_of(field.at("nodes"));
    hidden.merge({field.at("executable").text(), field.at("command").text(), field.at("exit").text()}, entry);
  }
}

void read_errors(const Field& list, explain::SelinuxErrorTally& errors) {
  for (const auto& field : list.elements()) {
    explain::SelinuxErrorTally::Entry entry;
    SelinuxError& first = entry.first;
    first.kind = error_kind_of(field.at("kind"));
    first.old_context = context_of(field.at("old_context"));
    first.new_context = context_of(field.at("new_context"));
    first.tclass = field.at("class").text();
    first.permissions = field.at("permissions").texts();
    first.invalid_context = field.at("invalid_context").text();
    entry.first_host = field.at("first_host").text();
    entry.count = field.at("count").count();
    entry.first_seen = stamp_of(field.at("first_seen"));
    entry.last_seen = stamp_of(field.at("last_seen"));
    entry.commands = sample_of<8>(field.at("commands"));
    entry.executables = sample_of<8>(field.at("executables"));
    entry.nodes = nodes_of(field.at("nodes"));
    errors.merge({first.kind, first.old_context.type, first.new_context.type, first.tclass, first.invalid_context},
                 entry);
  }
}

DenialTimeline timeline_of(const Field& field) {
  const Field width = field.at("bucket_seconds");
  const std::int64_t seconds = width.integer();
  if (!DenialTimeline::valid_width(seconds)) width.fail("not a width avcsift uses");
  std::map<std::int64_t, std::map<std::string, std::uint64_t>> buckets;
  for (const auto& bucket : field.at("buckets").elements()) {
    auto& domains = buckets[bucket.at("start").integer()];
    for (const auto& [domain, count] : bucket.at("denials").members()) domains[domain] += count.count();
  }
  std::vector<AuditStamp> loads;
  for (const auto& load : field.at("policy_loads").elements()) loads.push_back(stamp_of(load));
  return DenialTimeline::restore(seconds, std::move(buckets), std::move(loads));
}

void read_summary(const Field& summary, ReportState& state) {
  const Field version = summary.at("schema_version");
  const std::uint64_t number = version.count();
  if (number < static_cast<std::uint64_t>(emit::kFirstMergeableSchemaVersion)) {
    version.fail("schema version " + std::to_string(number) +
                 " has no aggregate section to merge: run 'avcsift report --format json' of this version (" +
                 AVCSIFT_VERSION + ") again");
  }
  if (number > static_cast<std::uint64_t>(emit::kReportSchemaVersion)) {
    version.fail("schema version " + std::to_string(number) + " is newer than this avcsift reads (" +
                 std::to_string(emit::kReportSchemaVersion) + ")");
  }
  state.inputs = summary.at("inputs").texts();
  const Field policy = summary.at("policy");
  state.policy = policy.is_null() ? std::string() : policy.text();
}

void read_aggregate(const Field& aggregate, ReportState& state) {
  const Field counters = aggregate.at("counters");
  state.stats.inputs_failed = counters.at("inputs_failed").count();
  state.stats.lines = counters.at("lines").count();
  state.stats.parse.events = counters.at("events").count();
  state.stats.malformed_lines = counters.at("parse_warnings").count();
  state.rules.add_totals(counters.at("denials").count(), counters.at("permissive_denials").count(),
                         counters.at("granted").count());
  for (const auto& entry : aggregate.at("role_types").elements()) {
    state.rules.add_role_type({entry.at("role").text(), entry.at("type").text()}, entry.at("count").count());
  }
  read_hidden(aggregate.at("hidden_failures"), state.hidden);
  read_errors(aggregate.at("selinux_errors"), state.errors);
  state.timeline = timeline_of(aggregate.at("timeline"));
  // Empty unless the summary came after the rules (see read_report_state).
  for (const auto& rule : aggregate.at("rules").elements()) state.rules.merge(rule_of(rule));
}

/// Top-level arrays merging does not need: their elements are dropped as
/// soon as they are parsed.
bool skipped(const std::string& key) {
  return key == "findings" || key == "by_node" || key == "gone" || key == "ignored";
}

}  // namespace

void ReportState::merge(const ReportState& other) {
  inputs.insert(inputs.end(), other.inputs.begin(), other.inputs.end());
  std::sort(inputs.begin(), inputs.end());  // the same whatever the order of the merges
  stats.inputs_failed += other.stats.inputs_failed;
  stats.lines += other.stats.lines;
  stats.parse.events += other.stats.parse.events;
  stats.malformed_lines += other.stats.malformed_lines;
  stats.parse.malformed_records += other.stats.parse.malformed_records;
  rules.merge(other.rules);
  hidden.merge(other.hidden);
  errors.merge(other.errors);
  timeline.merge(other.timeline);
}

ReportState read_report_state(std::istream& in, const std::string& file) {
  ReportState state;
  std::vector<std::string> keys;  // the key of each open object, outermost first
  bool summary_read = false;
  std::size_t rule_index = 0;
  // nlohmann's callback sees each value as it completes: the summary is
  // checked before anything else is read, and each rule is folded into the
  // RuleSet and dropped (returning false discards the value).
  const json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::key) {
      keys.resize(static_cast<std::size_t>(depth));
      keys.back() = parsed.get<std::string>();
      return true;
    }
    if (event != json::parse_event_t::object_end || depth < 1 || keys.empty()) return true;
    if (depth == 1 && keys[0] == "summary") {
      read_summary(Field(parsed, "summary", file), state);
      summary_read = true;
      return true;
    }
    if (depth == 2 && skipped(keys[0])) return false;
    // A document whose summary comes later (reordered by another tool)
    // keeps its rules until the summary has been checked.
    if (depth == 3 && summary_read && keys.size() >= 2 && keys[0] == "aggregate" && keys[1] == "rules") {
      state.rules.merge(rule_of(Field(parsed, "aggregate.rules[" + std::to_string(rule_index++) + "]", file)));
      return false;
    }
    return true;
  };
  json document;
  try {
    document = json::parse(in, callback);
  } catch (const json::parse_error& error) {
    // "[json.exception.parse_error.101] parse error at line 3, column 1: ..."
    std::string what = error.what();
    if (const auto end = what.find("] "); end != std::string::npos) what.erase(0, end + 2);
    throw Error(escape_for_comment(file) + ": not a JSON report: " + what, ExitStatus::Usage);
  }
  const Field root(document, "", file);
  if (!document.is_object()) root.fail("expected an object (a report of 'avcsift report --format json')");
  if (!summary_read) read_summary(root.at("summary"), state);
  read_aggregate(root.at("aggregate"), state);
  return state;
}

}  // namespace avcsift::cli
