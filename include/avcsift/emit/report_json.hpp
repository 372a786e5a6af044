#pragma once
/// `avcsift report --format json`: one document with `summary` and
/// `findings`; the schema is documented in avcsift-report(1) and stable:
/// fields are only ever added.
#include <iosfwd>
#include <vector>

#include "avcsift/emit/report_summary.hpp"
#include "avcsift/explain/finding.hpp"

namespace avcsift::emit {

/// Schema version written as `summary.schema_version`. 2 (over 1): the
/// `timeline` of denials per time bucket; `first_seen` and `last_seen` are
/// null when the log's date could not be read, and `year_guessed` says when
/// their year was guessed (syslog lines). 3 (over 2): --baseline and
/// --ignore: `summary.baseline`, `summary.ignored`, each finding's `baseline`
/// and `partly_ignored`, and the `gone` and `ignored` lists. 4 (over 3): the
/// hosts: `summary.nodes` and each finding's `nodes` (count, estimated,
/// relative_error, sample, state), and `by_node` (null without --by-node).
/// 5 (over 4): the `aggregate` section `avcsift merge` recomputes a report
/// from (see report_aggregate_json.hpp).
inline constexpr int kReportSchemaVersion = 5;
/// The first schema version with an `aggregate` section.
inline constexpr int kFirstMergeableSchemaVersion = 5;

/// Writes the JSON document (findings already sorted).
void write_report_json(std::ostream& out, const ReportSummary& summary,
                       const std::vector<explain::Finding>& findings);

}  // namespace avcsift::emit
