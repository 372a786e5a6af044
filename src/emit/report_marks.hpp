#pragma once
// The words the text and HTML reports use for --baseline and --ignore marks,
// written once so both say the same (plain text: escape it for HTML).
#include <set>
#include <string>

#include "avcsift/aggregate/node_set.hpp"
#include "avcsift/emit/report_summary.hpp"
#include "avcsift/explain/baseline.hpp"
#include "avcsift/explain/ignore_list.hpp"

namespace avcsift::emit {

/// `seen (7 times in the baseline)`, `new`, or `new: write not in the baseline (seen 3 times)`.
[[nodiscard]] std::string baseline_phrase(const explain::BaselineMark& mark);

/// `partly accepted by FILE:LINE (reason); not accepted: write` for a partial ignore match.
[[nodiscard]] std::string partial_ignore_phrase(const explain::IgnoreMatch& match);

/// `FILE:LINE: reason; FILE:LINE: reason` for the rules that ignored a finding.
[[nodiscard]] std::string ignore_rules_phrase(const std::vector<explain::IgnoreRule>& rules);

/// `source target:class { perms }` (log-free: types and classes are identifiers).
[[nodiscard]] std::string access_phrase(const std::string& source, const std::string& target,
                                        const std::string& tclass, const std::set<std::string>& permissions);

/// `seen on 312 hosts (web-001, web-002, ...)`, `seen on about 5000 hosts
/// (±3.3%) (...)` once estimated, `seen on 1 host (web-001)`; host names
/// escaped as for a comment. Empty for an empty set.
[[nodiscard]] std::string hosts_phrase(const NodeSet& nodes);

/// Whether findings get a hosts line: only when the report spans more than
/// one host, so that a single machine's log does not grow a line per finding.
/// (An estimated set always holds more than one host: no estimate is needed to tell.)
[[nodiscard]] inline bool shows_hosts(const ReportSummary& summary) {
  return !summary.nodes.exact() || summary.nodes.count() > 1;
}

/// `web-007: 12 findings, 2 only here: a_t b_t:file { read }, ...` for --by-node.
[[nodiscard]] std::string node_entry_phrase(const NodeEntry& entry, const std::vector<explain::Finding>& findings);

}  // namespace avcsift::emit
