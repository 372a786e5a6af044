#pragma once
// The second half of `report`, which `merge` shares: from the collected (or
// merged) rules, tallies and timeline to findings, flags, fixes, the
// summary, --baseline/--ignore marks and the written report. Written once so
// that a merged report is computed exactly as a report of one log is.
#include <iosfwd>
#include <string>
#include <vector>

#include "avcsift/aggregate/denial_timeline.hpp"
#include "avcsift/aggregate/node_tally.hpp"
#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/cli/finding_filters.hpp"
#include "avcsift/cli/ingest.hpp"
#include "avcsift/cli/report_command.hpp"
#include "avcsift/explain/file_labels.hpp"
#include "avcsift/explain/hidden_failures.hpp"
#include "avcsift/explain/selinux_errors.hpp"

namespace avcsift::policy { class Policy; }

namespace avcsift::cli {

/// What a review is computed from.
struct ReviewSources {
  std::vector<std::string> inputs;               ///< as the summary names them.
  const IngestStats& stats;                      ///< lines, events, failed inputs, warnings.
  const RuleSet& rules;
  const explain::HiddenFailureTally& hidden;
  const explain::SelinuxErrorTally& errors;
  DenialTimeline timeline;                       ///< finished.
  policy::Policy* policy = nullptr;              ///< for advice; null: none.
  std::string policy_description;                ///< the policy the verdicts came from ("" none).
  const explain::FileLabels* labels = nullptr;   ///< null: labels are not checked.
  std::string file_contexts;                     ///< the labels' file, "" without.
  const NodeTally* per_host = nullptr;           ///< --by-node; null: without.
};

/// How the review is written.
struct ReviewTarget {
  const ReviewOptions& review;
  const FindingFilters& filters;
  const std::string& policy_xml;                 ///< boolean descriptions.
  ReportFormat format = ReportFormat::Text;
  ColorChoice color = ColorChoice::Auto;
  std::ostream& out;
};

/// Builds the findings, the summary and the marks and writes the report to
/// `target.out` (JSON with its `aggregate` section); returns true when
/// --fail-on is reached.
[[nodiscard]] bool write_review(ReviewSources sources, const explain::AppScope& scope, const ReviewTarget& target);

}  // namespace avcsift::cli
