#pragma once
/// `avcsift report --format html`: one self-contained page (inline CSS and
/// SVG, a small inline script for filtering, nothing fetched) with the same
/// data as the JSON: the summary, the timeline and break cycles, the
/// findings by severity with their flags, reasons and fixes, and the allow
/// rules as a .te fragment. Every text from a log is escaped, and a
/// Content-Security-Policy lets only the report's own script run.
#include <iosfwd>
#include <vector>

#include "avcsift/emit/report_summary.hpp"
#include "avcsift/explain/finding.hpp"

namespace avcsift::emit {

/// Writes the page (findings already sorted, summary.timeline finished).
void write_report_html(std::ostream& out, const ReportSummary& summary,
                       const std::vector<explain::Finding>& findings);

}  // namespace avcsift::emit
