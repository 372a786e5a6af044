#include "avcsift/cli/log_checks.hpp"

#include <algorithm>

#include "avcsift/model/identifier.hpp"

namespace avcsift::cli {
namespace {

/// What was read: `<stdin>`, `audit.log`, or `3 inputs`.
std::string input_names(const CommonOptions& options) {
  std::vector<std::string> names;
  for (const auto& input : options.inputs) names.push_back(input == "-" ? "<stdin>" : escape_for_comment(input));
  if (names.empty() && !options.dmesg) names.emplace_back("<stdin>");
  if (options.dmesg) names.emplace_back("the kernel ring buffer");
  return names.size() == 1 ? names.front() : std::to_string(names.size()) + " inputs";
}

}  // namespace

std::string some_names(const std::set<std::string>& names) {
  std::string text;
  std::size_t shown = 0;
  for (const auto& name : names) {
    if (shown == kNamesShown) return text + ", ...";
    text += (shown++ == 0 ? "" : ", ") + name;
  }
  return text;
}

void warn_if_no_denials(const IngestStats& stats, const CommonOptions& options, Diagnostics& diagnostics) {
  if (stats.parse.denials > 0 || stats.inputs_read == 0) return;
  diagnostics.warn("no denials in " + std::to_string(stats.lines) + (stats.lines == 1 ? " line" : " lines") +
                   " read from " + input_names(options));
}

void warn_if_foreign_log(const explain::TypeCensus& census, const explain::AppScope& scope,
                         const std::string& policy, Diagnostics& diagnostics) {
  if (!census.looks_foreign(scope)) return;
  const auto unknown = census.unknown(scope);
  diagnostics.warn(std::to_string(unknown.size()) + " of the log's " + std::to_string(census.types().size()) +
                   " types are not in the policy " + escape_for_comment(policy) + " (" + some_names(unknown) +
                   "): the log looks like one from a machine with another policy; give that policy with -p FILE, "
                   "or use --no-policy");
}

void warn_unmatched_scope(const explain::AppScope& scope, const std::set<std::string>& log_types,
                          Diagnostics& diagnostics) {
  if (log_types.empty()) return;
  for (const auto& [path, types] : scope.modules()) {
    const bool named = std::any_of(types.begin(), types.end(),
                                   [&](const std::string& type) { return log_types.contains(type); });
    if (named) continue;
    diagnostics.warn("--app-module " + escape_for_comment(path) +
                     (types.empty() ? " declares no type"
                                    : " declares no type that appears in the log (it declares " +
                                          some_names({types.begin(), types.end()}) + ")"));
  }
  if (const auto pattern = scope.type_pattern()) {
    const bool found = std::any_of(log_types.begin(), log_types.end(),
                                   [&](const std::string& type) { return scope.pattern_finds(type); });
    if (!found) {
      diagnostics.warn("--app-types '" + escape_for_comment(*pattern) + "' finds no type that appears in the log");
    }
  }
}

}  // namespace avcsift::cli
