#pragma once
/// `avcsift report`: what happened, what to do, and what looks dangerous.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/cli/common_options.hpp"
#include "avcsift/cli/finding_filters.hpp"
#include "avcsift/cli/ingest.hpp"
#include "avcsift/cli/review_options.hpp"
#include "avcsift/emit/report_summary.hpp"
#include "avcsift/explain/app_scope.hpp"
#include "avcsift/explain/finding.hpp"
#include "avcsift/explain/flag.hpp"
#include "avcsift/explain/hidden_failures.hpp"

namespace boost::program_options {
class options_description;
class variables_map;
}

namespace avcsift::cli {

/// Output formats of `report`.
enum class ReportFormat { Text, Json, Html };

/// When to use colors in text output.
enum class ColorChoice { Auto, Always, Never };

/// Options of `avcsift report`.
struct ReportOptions {
  CommonOptions common;                          ///< inputs and policy.
  ReviewOptions review;                          ///< the application and --fail-on.
  FindingFilterOptions filters;                  ///< --baseline and --ignore.
  std::optional<std::string> file_contexts;      ///< `--file-contexts FILE`.
  std::string policy_xml;                        ///< `--policy-xml FILE`: boolean descriptions.
  ReportFormat format = ReportFormat::Text;
  ColorChoice color = ColorChoice::Auto;         ///< Auto: a terminal and no NO_COLOR.
  std::optional<std::string> output;             ///< `-o FILE`, written atomically.
  bool force = false;                            ///< `--force`: -o may replace a file.
  bool by_node = false;                          ///< `--by-node`: findings per host.
};

/// The --format and --color words as given, checked by finish_report_output_options.
struct ReportOutputChoices {
  std::string format = "text";  ///< set before declaring: the default.
  std::string color = "auto";
};

/// Declares what `report` and `merge` share: the review options, --baseline
/// and --ignore, --file-contexts, --policy-xml, --format, -o and --force.
void add_report_output_options(boost::program_options::options_description& described, ReportOptions& options,
                               ReportOutputChoices& choices);
/// Declares --color.
void add_color_option(boost::program_options::options_description& described, ReportOutputChoices& choices);
/// Completes and checks them after parsing; throws avcsift::Error (usage).
void finish_report_output_options(const boost::program_options::variables_map& map,
                                  const ReportOutputChoices& choices, ReportOptions& options);

/// Parses the arguments after `report`; throws avcsift::Error (usage).
/// Returns nullopt when help was printed to `out`.
std::optional<ReportOptions> parse_report_options(const std::vector<std::string>& args, std::ostream& out);

/// Runs `report`; returns the exit status (3 when --fail-on is reached).
int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err);

/// The report's header from what was read and found (`watch` writes the same
/// report); the caller fills in the policy and file_contexts used.
[[nodiscard]] emit::ReportSummary summarize_report(const std::vector<std::string>& inputs,
                                                   const ReviewOptions& review, const IngestStats& stats,
                                                   const RuleSet& rules,
                                                   const explain::HiddenFailureTally& hidden,
                                                   const std::vector<explain::Finding>& findings,
                                                   const explain::AppScope& scope);

}  // namespace avcsift::cli
