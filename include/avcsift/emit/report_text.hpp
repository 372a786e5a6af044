#pragma once
/// `avcsift report` as text for a human reviewer:
///
///   avcsift report: 3 inputs, 412 lines, 35 events, 35 denials (28 enforcing, 7 permissive) ...
///
///   [HIGH] SELinux denied /usr/local/Plone/Python-2.7/bin/python (plone_t) getattr read write on
///          the file /etc/mime.types (and 2 more) (etc_t)
///     seen 3 times, 2026-11-25T...Z to 2026-11-25T...Z
///     ...
///     flags:
///       high    system_type_change: write on etc_t, a system type: ...
///     fixes, best first:
///       1. allow_rule: the rule audit2allow would write; only after reviewing the flags
///            allow plone_t etc_t:file { getattr read write };
#include <iosfwd>
#include <vector>

#include "avcsift/emit/report_summary.hpp"
#include "avcsift/explain/finding.hpp"

namespace avcsift::emit {

/// How to write the text.
struct TextStyle {
  bool color = false;  ///< ANSI colors for severities (only for a terminal).
};

/// Writes the summary and the findings (already sorted). Log text is escaped.
void write_report_text(std::ostream& out, const ReportSummary& summary,
                       const std::vector<explain::Finding>& findings, TextStyle style);

}  // namespace avcsift::emit
