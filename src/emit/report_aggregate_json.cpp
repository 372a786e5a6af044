#include "report_aggregate_json.hpp"

#include "avcsift/explain/hidden_failures.hpp"
#include "avcsift/explain/selinux_errors.hpp"
#include "avcsift/model/verdict.hpp"

namespace avcsift::emit {
namespace {

using nlohmann::ordered_json;

template <std::size_t Limit>
ordered_json sample_json(const BoundedSample<Limit>& sample) {
  return {{"values", sample.values()}, {"overflowed", sample.overflowed()}};
}

/// A NodeSet's state and its sample with full stamps (the report's `nodes`
/// shows ISO times, which lose the serial).
ordered_json node_state_json(const NodeSet& nodes) {
  ordered_json sample = ordered_json::array();
  for (const auto& host : nodes.sample()) {
    sample.push_back({{"name", host.name},
                      {"first_seen", full_stamp_json(host.first_seen)},
                      {"last_seen", full_stamp_json(host.last_seen)}});
  }
  return {{"state", nodes.state_text()}, {"sample", sample}};
}

ordered_json verdict_json(const Verdict& verdict) {
  ordered_json fixes = ordered_json::array();
  for (const auto& fix : verdict.boolean_fixes) {
    ordered_json settings = ordered_json::array();
    for (const auto& setting : fix) settings.push_back({{"name", setting.name}, {"value", setting.value}});
    fixes.push_back(settings);
  }
  ordered_json others = ordered_json::array();
  for (const auto reason : verdict.other_reasons) others.push_back(reason_name(reason));
  ordered_json mismatches = ordered_json::array();
  for (const auto& m : verdict.level_mismatches) {
    mismatches.push_back({{"left", m.left},
                          {"op", m.op},
                          {"right", m.right},
                          {"left_level", m.left_level},
                          {"right_level", m.right_level}});
  }
  return {{"reason", reason_name(verdict.reason)},
          {"boolean_fixes", fixes},
          {"constraints", verdict.constraints},
          {"cause", verdict.cause},
          {"undefined_names", verdict.undefined_names},
          {"other_reasons", others},
          {"permissive_domain", verdict.permissive_domain},
          {"level_mismatches", mismatches}};
}

ordered_json context_json(const SecurityContext& context) {
  return {{"user", context.user}, {"role", context.role}, {"type", context.type}, {"level", context.level}};
}

ordered_json counters_json(const ReportSummary& summary, const RuleSet& rules) {
  return {{"inputs_failed", summary.inputs_failed},
          {"lines", summary.lines},
          {"events", summary.events},
          {"parse_warnings", summary.parse_warnings},
          {"denials", rules.denial_count()},
          {"permissive_denials", rules.permissive_count()},
          {"granted", rules.granted_count()}};
}

ordered_json role_types_json(const RuleSet& rules) {
  ordered_json list = ordered_json::array();
  for (const auto& [key, count] : rules.role_types()) {
    list.push_back({{"role", key.role}, {"type", key.type}, {"count", count}});
  }
  return list;
}

ordered_json hidden_json(const explain::HiddenFailureTally& hidden) {
  ordered_json list = ordered_json::array();
  for (const auto& [key, entry] : hidden.entries()) {
    const auto& [exe, comm, exit] = key;
    list.push_back({{"executable", exe},
                    {"command", comm},
                    {"exit", exit},
                    {"count", entry.count},
                    {"first_seen", full_stamp_json(entry.first_seen)},
                    {"last_seen", full_stamp_json(entry.last_seen)},
                    {"paths", sample_json(entry.paths)},
                    {"nodes", node_state_json(entry.nodes)}});
  }
  return list;
}

ordered_json errors_json(const explain::SelinuxErrorTally& errors) {
  ordered_json list = ordered_json::array();
  for (const auto& [key, entry] : errors.entries()) {
    const SelinuxError& first = entry.first;
    list.push_back({{"kind", selinux_error_name(first.kind)},
                    {"old_context", context_json(first.old_context)},
                    {"new_context", context_json(first.new_context)},
                    {"class", first.tclass},
                    {"permissions", first.permissions},
                    {"invalid_context", first.invalid_context},
                    {"first_host", entry.first_host},
                    {"count", entry.count},
                    {"first_seen", full_stamp_json(entry.first_seen)},
                    {"last_seen", full_stamp_json(entry.last_seen)},
                    {"commands", sample_json(entry.commands)},
                    {"executables", sample_json(entry.executables)},
                    {"nodes", node_state_json(entry.nodes)}});
  }
  return list;
}

/// The timeline's buckets and loads (cycles do not merge: see DenialTimeline::merge).
ordered_json timeline_state_json(const DenialTimeline& timeline) {
  ordered_json buckets = ordered_json::array();
  for (const auto& [start, domains] : timeline.buckets()) {
    ordered_json counts = ordered_json::object();
    for (const auto& [domain, count] : domains) counts[domain] = count;
    buckets.push_back({{"start", start}, {"denials", counts}});
  }
  ordered_json loads = ordered_json::array();
  for (const auto& load : timeline.policy_loads()) loads.push_back(full_stamp_json(load));
  return {{"bucket_seconds", timeline.bucket_seconds()}, {"buckets", buckets}, {"policy_loads", loads}};
}

}  // namespace

ordered_json full_stamp_json(const AuditStamp& stamp) { return stamp.full_text(); }

ordered_json aggregate_rule_json(const Rule& rule) {
  return {{"source_type", rule.key.source_type},
          {"target_type", rule.key.target_type},
          {"class", rule.key.tclass},
          {"reason_detail", rule.key.reason_detail},
          {"permissions", rule.permissions},
          {"verdict", verdict_json(rule.verdict)},
          {"count", rule.count},
          {"permissive_count", rule.permissive_count},
          {"first_seen", full_stamp_json(rule.first_seen)},
          {"last_seen", full_stamp_json(rule.last_seen)},
          {"paths", sample_json(rule.paths)},
          {"commands", sample_json(rule.commands)},
          {"executables", sample_json(rule.executables)},
          {"nodes", node_state_json(rule.nodes)},
          {"ioctl_commands", rule.ioctl_commands},
          {"source_role", rule.source_role},
          {"first_stamp", full_stamp_json(rule.first_stamp)},
          {"first_host", rule.first_host},
          {"port", rule.port ? ordered_json(*rule.port) : ordered_json(nullptr)},
          {"port_stamp", full_stamp_json(rule.port_stamp)},
          {"port_host", rule.port_host}};
}

void write_aggregate_json(StreamedJsonObject& document, const ReportSummary& summary,
                          const ReportAggregate& aggregate) {
  document.begin_object("aggregate");
  document.member("counters", counters_json(summary, *aggregate.rules));
  document.member("role_types", role_types_json(*aggregate.rules));
  document.member("hidden_failures", hidden_json(*aggregate.hidden));
  document.member("selinux_errors", errors_json(*aggregate.errors));
  document.member("timeline", timeline_state_json(summary.timeline));
  document.begin_array("rules");
  for (const auto& [key, rule] : aggregate.rules->rules()) document.element(aggregate_rule_json(rule));
  document.end_array();
  document.end_object();
}

}  // namespace avcsift::emit
