#pragma once
// `report --by-node`: the exact per-host tally turned into entries that
// point at the report's findings.
#include <vector>

#include "avcsift/aggregate/node_tally.hpp"
#include "avcsift/emit/report_summary.hpp"
#include "avcsift/explain/finding.hpp"

namespace avcsift::cli {

/// One entry per host of `tally`, by name: its denials, time span, the
/// indices of its denial findings among `findings` (as reported: those
/// --ignore set aside are left out) and, of them, those no other host
/// logged.
[[nodiscard]] std::vector<emit::NodeEntry> by_node_entries(const NodeTally& tally,
                                                           const std::vector<explain::Finding>& findings);

}  // namespace avcsift::cli
