#pragma once
// The `aggregate` section of a JSON report: the state of every collector a
// report is computed from, in full, so that `avcsift merge` (cli/report_reader)
// rebuilds them and recomputes findings, flags and fixes exactly as `report`
// does. The names here and the reader's are one format: change both.
#include <nlohmann/json.hpp>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/emit/report_summary.hpp"
#include "streamed_json.hpp"

namespace avcsift::emit {

/// A stamp in full, as one string: AuditStamp::full_text().
[[nodiscard]] nlohmann::ordered_json full_stamp_json(const AuditStamp& stamp);

/// One rule with everything merging needs.
[[nodiscard]] nlohmann::ordered_json aggregate_rule_json(const Rule& rule);

/// Writes `"aggregate": {...}` into `document`, streaming the rules one at a
/// time (a report of 10,000 rules never becomes one JSON tree).
void write_aggregate_json(StreamedJsonObject& document, const ReportSummary& summary,
                          const ReportAggregate& aggregate);

}  // namespace avcsift::emit
