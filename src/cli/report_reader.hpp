#pragma once
// Reads back a JSON report written by `report --format json` or `watch`
// (schema 5 and later): the `aggregate` section rebuilds the collectors the
// report was computed from, for `avcsift merge`. Strict: anything missing or
// of the wrong type is an error naming the file and the JSON path, e.g.
//   eu.json: aggregate.rules[3].count: expected a number
// The rules are folded in as they are read and the findings skipped, so a
// report of 10,000 rules is never held as one JSON tree.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "avcsift/aggregate/denial_timeline.hpp"
#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/cli/ingest.hpp"
#include "avcsift/explain/hidden_failures.hpp"
#include "avcsift/explain/selinux_errors.hpp"

namespace avcsift::cli {

/// What one report (or the merge of several) was computed from.
struct ReportState {
  std::vector<std::string> inputs;  ///< summary.inputs.
  std::string policy;               ///< summary.policy; "" when null.
  IngestStats stats;                ///< inputs_failed, lines, events, parse warnings.
  RuleSet rules;
  explain::HiddenFailureTally hidden;
  explain::SelinuxErrorTally errors;
  DenialTimeline timeline;          ///< buckets and policy loads; no cycles.

  /// Takes in `other`: counts add up, everything else merges (see RuleSet).
  void merge(const ReportState& other);
};

/// Reads the report `in` named `file` (for messages). Throws avcsift::Error
/// (status 2) for text that is not JSON, a report of a schema version
/// without an `aggregate` section or newer than this avcsift, and a field
/// missing or of the wrong type.
[[nodiscard]] ReportState read_report_state(std::istream& in, const std::string& file);

}  // namespace avcsift::cli
