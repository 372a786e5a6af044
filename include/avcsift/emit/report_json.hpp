#pragma once
/// `avcsift report --format json`: one document with `summary` and
/// `findings`; the schema is documented in avcsift-report(1) and stable:
/// fields are only ever added.
#include <iosfwd>
#include <vector>

#include "avcsift/emit/report_summary.hpp"
#include "avcsift/explain/finding.hpp"

namespace avcsift::emit {

/// Schema version written as `summary.schema_version`.
inline constexpr int kReportSchemaVersion = 2;

/// Writes the JSON document (findings already sorted).
void write_report_json(std::ostream& out, const ReportSummary& summary,
                       const std::vector<explain::Finding>& findings);

}  // namespace avcsift::emit
