// `avcsift why --format json`; nlohmann-json does the escaping, so log text
// (paths, commands, records) cannot break the document.
#include <nlohmann/json.hpp>

#include <ostream>

#include "avcsift/emit/why_emitter.hpp"

namespace avcsift::emit {
namespace {

using nlohmann::ordered_json;

/// ISO 8601, or null when the log's date could not be read.
ordered_json time_json(const AuditStamp& stamp) {
  return stamp.time_known() ? ordered_json(stamp.iso8601()) : ordered_json(nullptr);
}

ordered_json verdict_json(const Verdict& verdict) {
  ordered_json booleans = ordered_json::array();
  for (const auto& fix : verdict.boolean_fixes) {
    ordered_json settings = ordered_json::array();
    for (const auto& setting : fix) {
      settings.push_back({{"name", setting.name}, {"value", setting.value}});
    }
    booleans.push_back({{"settings", settings}, {"command", setsebool_command(fix)}});
  }
  ordered_json others = ordered_json::array();
  for (const Reason reason : verdict.other_reasons) others.push_back(reason_name(reason));
  return {{"reason", reason_name(verdict.reason)},
          {"boolean_fixes", booleans},
          {"constraints", verdict.constraints},
          {"cause", verdict.cause},
          {"undefined_names", verdict.undefined_names},
          {"other_reasons", others},
          {"permissive_domain", verdict.permissive_domain}};
}

}  // namespace

void write_why_json(std::ostream& out, const DenialTally& tally, const std::string& policy,
                    const std::vector<WhyReport>& reports) {
  ordered_json denials = ordered_json::array();
  std::uint64_t total = 0;
  for (const auto& [key, denial] : tally.denials()) {
    total += denial.count;
    ordered_json entry = {
        {"scontext", key.source},
        {"tcontext", key.target},
        {"source_type", denial.first.source.type},
        {"target_type", denial.first.target.type},
        {"class", key.tclass},
        {"permissions", key.permissions},
        {"count", denial.count},
        {"first_seen", time_json(denial.first_seen)},
        {"last_seen", time_json(denial.last_seen)},
        {"year_guessed", denial.first_seen.time == StampTime::YearGuessed ||
                             denial.last_seen.time == StampTime::YearGuessed},
        {"serial", denial.first.stamp.serial_known ? ordered_json(denial.first.stamp.serial) : ordered_json(nullptr)},
        {"permissive", denial.first.permissive.value_or(false)},
        {"paths", denial.paths.values()},
        {"commands", denial.commands.values()},
        {"record", denial.first.record},
    };
    entry.update(verdict_json(denial.verdict));
    denials.push_back(std::move(entry));
  }
  ordered_json errors = ordered_json::array();
  for (const auto& report : reports) {
    errors.push_back({{"kind", report.kind},
                      {"count", report.count},
                      {"first_seen", report.first_seen.iso8601()},
                      {"last_seen", report.last_seen.iso8601()},
                      {"record", report.record},
                      {"explanation", report.explanation}});
  }
  const ordered_json document = {
      {"summary", {{"policy", policy}, {"denials", total}, {"distinct_denials", tally.denials().size()},
                   {"selinux_errors", reports.size()}}},
      {"denials", denials},
      {"selinux_errors", errors}};
  // Invalid UTF-8 from a log is replaced rather than aborting the output.
  out << document.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace avcsift::emit
