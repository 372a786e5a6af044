// `avcsift report --format json`; nlohmann-json does the escaping, so log
// text (paths, commands) cannot break the document.
#include "avcsift/emit/report_json.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

#include "avcsift/explain/fix_advisor.hpp"
#include "avcsift/model/verdict.hpp"
#include "report_aggregate_json.hpp"
#include "streamed_json.hpp"

namespace avcsift::emit {
namespace {

using nlohmann::ordered_json;

/// ISO 8601, or null when there is no stamp or its date was unreadable.
ordered_json stamp_json(const std::optional<AuditStamp>& stamp) {
  return stamp && stamp->time_known() ? ordered_json(stamp->iso8601()) : ordered_json(nullptr);
}

/// A NodeSet: its count, whether estimated and how well, its sample with
/// each host's first and last time, and the state `avcsift merge` restores.
ordered_json nodes_json(const NodeSet& nodes) {
  ordered_json sample = ordered_json::array();
  for (const auto& host : nodes.sample()) {
    sample.push_back({{"name", host.name},
                      {"first_seen", stamp_json(host.first_seen)},
                      {"last_seen", stamp_json(host.last_seen)}});
  }
  return {{"count", nodes.count()},
          {"estimated", !nodes.exact()},
          {"relative_error", nodes.relative_error()},
          {"sample", sample},
          {"state", nodes.state_text()}};
}

/// --by-node: per host its denials, span and findings (indices into
/// "findings"); null without --by-node.
ordered_json by_node_json(const std::optional<std::vector<NodeEntry>>& entries) {
  if (!entries) return nullptr;
  ordered_json list = ordered_json::array();
  for (const auto& entry : *entries) {
    list.push_back({{"node", entry.node},
                    {"first_seen", stamp_json(entry.first_seen)},
                    {"last_seen", stamp_json(entry.last_seen)},
                    {"denials", entry.denials},
                    {"findings", entry.findings},
                    {"only_here", entry.only_here}});
  }
  return list;
}

/// Whether a span's year was guessed (syslog lines carry none).
bool year_guessed(const std::optional<AuditStamp>& first, const std::optional<AuditStamp>& last) {
  const auto guessed = [](const std::optional<AuditStamp>& s) { return s && s->time == StampTime::YearGuessed; };
  return guessed(first) || guessed(last);
}

/// The previous report's findings no finding matches now.
ordered_json gone_json(const std::optional<explain::BaselineComparison>& baseline) {
  ordered_json list = ordered_json::array();
  if (!baseline) return list;
  for (const auto& entry : baseline->gone) {
    list.push_back({{"kind", entry.kind},
                    {"selinux_error", entry.selinux_error.empty() ? ordered_json(nullptr) : ordered_json(entry.selinux_error)},
                    {"severity", entry.severity.empty() ? ordered_json(nullptr) : ordered_json(entry.severity)},
                    {"sentence", entry.sentence},
                    {"source_type", entry.source_type},
                    {"target_type", entry.target_type},
                    {"class", entry.tclass},
                    {"permissions", entry.permissions},
                    {"count", entry.count}});
  }
  return list;
}

ordered_json rules_json(const std::vector<explain::IgnoreRule>& rules) {
  ordered_json list = ordered_json::array();
  for (const auto& rule : rules) {
    list.push_back({{"file", rule.where.input}, {"line", rule.where.line}, {"reason", rule.reason}});
  }
  return list;
}

/// A finding's --baseline mark, null without a baseline.
ordered_json baseline_mark_json(const explain::BaselineMark* mark) {
  if (mark == nullptr) return nullptr;
  return {{"status", explain::baseline_status_name(mark->status)},
          {"old_count", mark->known ? ordered_json(mark->old_count) : ordered_json(nullptr)},
          {"new_permissions", mark->new_permissions}};
}

/// The --ignore rules covering part of a finding, null when none does.
ordered_json partial_ignore_json(const explain::IgnoreMatch* match) {
  if (match == nullptr || !match->partial()) return nullptr;
  return {{"rules", rules_json(match->rules)}, {"uncovered", match->uncovered}};
}

ordered_json finding_json(const explain::Finding& finding, const explain::BaselineMark* mark = nullptr,
                          const explain::IgnoreMatch* ignore = nullptr) {
  ordered_json flags = ordered_json::array();
  for (const auto& flag : finding.flags) {
    flags.push_back({{"id", explain::flag_name(flag.id)},
                     {"severity", explain::severity_name(flag.severity)},
                     {"message", flag.message}});
  }
  ordered_json fixes = ordered_json::array();
  for (const auto& fix : finding.fixes) {
    fixes.push_back({{"kind", explain::fix_kind_name(fix.kind)},
                     {"command", fix.command},
                     {"explanation", fix.explanation}});
  }
  const auto severity = finding.severity();
  const bool denial = finding.kind == explain::FindingKind::Denial;
  const bool error = finding.kind == explain::FindingKind::SelinuxError;
  const char* kind = denial ? "denial" : error ? "selinux_error" : "hidden_failure";
  const char* reason = denial ? reason_name(finding.verdict.reason) : error ? "SELINUX_ERR" : "HIDDEN";
  return {{"kind", kind},
          {"selinux_error", error ? ordered_json(selinux_error_name(finding.error_kind)) : ordered_json(nullptr)},
          {"severity", severity ? ordered_json(explain::severity_name(*severity)) : ordered_json(nullptr)},
          {"sentence", finding.sentence},
          {"source_type", finding.source_type},
          {"target_type", finding.target_type},
          {"class", finding.tclass},
          {"permissions", finding.permissions},
          {"count", finding.count},
          {"permissive_count", finding.permissive_count},
          {"first_seen", stamp_json(finding.first_seen)},
          {"last_seen", stamp_json(finding.last_seen)},
          {"year_guessed", year_guessed(finding.first_seen, finding.last_seen)},
          {"paths", finding.paths},
          {"commands", finding.commands},
          {"executables", finding.executables},
          {"nodes", nodes_json(finding.nodes)},
          {"port", finding.port ? ordered_json(*finding.port) : ordered_json(nullptr)},
          {"reason", reason},
          {"reason_text", finding.reason},
          {"flags", flags},
          {"fixes", fixes},
          {"baseline", baseline_mark_json(mark)},
          {"partly_ignored", partial_ignore_json(ignore)}};
}

/// The findings --ignore set aside, each with the rules that did.
ordered_json ignored_json(const std::optional<explain::IgnoreOutcome>& ignores) {
  ordered_json list = ordered_json::array();
  if (!ignores) return list;
  for (const auto& [finding, rules] : ignores->ignored) {
    ordered_json entry = finding_json(finding);
    entry.erase("baseline");
    entry.erase("partly_ignored");
    entry["ignored_by"] = rules_json(rules);
    list.push_back(std::move(entry));
  }
  return list;
}

/// The timeline: denials per bucket and domain, policy loads, break cycles.
ordered_json timeline_json(const DenialTimeline& timeline) {
  ordered_json buckets = ordered_json::array();
  for (const auto& [start, domains] : timeline.buckets()) {
    ordered_json counts = ordered_json::object();
    for (const auto& [domain, count] : domains) counts[domain] = count;
    buckets.push_back({{"start", AuditStamp{start, 0, 0}.iso8601()}, {"denials", counts}});
  }
  ordered_json loads = ordered_json::array();
  for (const auto& load : timeline.policy_loads()) loads.push_back(load.iso8601());
  ordered_json cycles = ordered_json::array();
  for (const auto& cycle : timeline.cycles()) {
    cycles.push_back({{"input", cycle.input},
                      {"started_by", cycle_start_name(cycle.started_by)},
                      {"start", cycle.start.iso8601()},
                      {"end", cycle.end.iso8601()},
                      {"denials", cycle.denials},
                      {"distinct_rules", cycle.rules.size()},
                      {"new_rules", cycle.new_rules},
                      {"seen_rules", cycle.rules.size() - cycle.new_rules}});
  }
  return {{"bucket_seconds", timeline.bucket_seconds()},
          {"buckets", buckets},
          {"policy_loads", loads},
          {"cycles", cycles}};
}

}  // namespace

void write_report_json(std::ostream& out, const ReportSummary& summary,
                       const std::vector<explain::Finding>& findings) {
  ordered_json per_domain = ordered_json::object();
  for (const auto& [domain, count] : summary.denials_per_domain) per_domain[domain] = count;
  const ordered_json summary_json = {
      {"schema_version", kReportSchemaVersion},
      {"inputs", summary.inputs},
      {"inputs_failed", summary.inputs_failed},
      {"lines", summary.lines},
      {"events", summary.events},
      {"denials", summary.denials},
      {"enforcing_denials", summary.denials - summary.permissive_denials},
      {"permissive_denials", summary.permissive_denials},
      {"distinct_rules", summary.distinct_rules},
      {"hidden_failures", summary.hidden_failures},
      {"selinux_errors", summary.selinux_errors},
      {"first_seen", stamp_json(summary.first_seen)},
      {"last_seen", stamp_json(summary.last_seen)},
      {"year_guessed", year_guessed(summary.first_seen, summary.last_seen)},
      {"policy", summary.policy.empty() ? ordered_json(nullptr) : ordered_json(summary.policy)},
      {"file_contexts", summary.file_contexts.empty() ? ordered_json(nullptr) : ordered_json(summary.file_contexts)},
      {"parse_warnings", summary.parse_warnings},
      {"app_roots", summary.app_roots},
      {"app_types", summary.app_types},
      {"denials_per_domain", per_domain},
      {"nodes", nodes_json(summary.nodes)},
      {"skipped_checks", summary.skipped_checks},
      {"baseline", summary.baseline ? ordered_json({{"file", summary.baseline->file},
                                                    {"new", summary.baseline->new_count()},
                                                    {"seen", summary.baseline->seen_count()},
                                                    {"gone", summary.baseline->gone.size()}})
                                    : ordered_json(nullptr)},
      {"ignored", summary.ignores ? ordered_json({{"files", summary.ignores->files},
                                                  {"findings", summary.ignores->ignored.size()}})
                                  : ordered_json(nullptr)}};
  // Streamed a finding at a time: the document of 10,000 findings as one
  // tree would take some 150 MB.
  StreamedJsonObject document(out);
  document.member("summary", summary_json);
  document.member("timeline", timeline_json(summary.timeline));
  document.begin_array("findings");
  for (std::size_t i = 0; i < findings.size(); ++i) {
    document.element(finding_json(findings[i], summary.baseline ? &summary.baseline->marks[i] : nullptr,
                                  summary.ignores ? &summary.ignores->marks[i] : nullptr));
  }
  document.end_array();
  document.member("by_node", by_node_json(summary.by_node));
  document.member("gone", gone_json(summary.baseline));
  document.member("ignored", ignored_json(summary.ignores));
  if (summary.aggregate) write_aggregate_json(document, summary, *summary.aggregate);
  document.finish();
}

}  // namespace avcsift::emit
