#pragma once
/// `avcsift merge`: one report from the JSON reports of several aggregators
/// (`avcsift merge eu.json us.json asia.json > fleet.json`).
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "avcsift/cli/report_command.hpp"

namespace avcsift::cli {

/// Options of `avcsift merge`.
struct MergeOptions {
  std::vector<std::string> reports;  ///< JSON reports; empty or `-`: standard input.
  /// The report's options that apply to a merge: review options, --baseline,
  /// --ignore, --file-contexts, --policy-xml, --format, --color, -o, --force,
  /// and -p in common.policy (optional: the verdicts come from the reports;
  /// the policy only adds advice, as it does for `report`).
  ReportOptions report;
};

/// Parses the arguments after `merge`; throws avcsift::Error (usage).
/// Returns nullopt when help was printed to `out`.
std::optional<MergeOptions> parse_merge_options(const std::vector<std::string>& args, std::ostream& out);

/// Runs `merge`; returns the exit status (3 when --fail-on is reached).
int run_merge(const MergeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace avcsift::cli
