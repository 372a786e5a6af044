#pragma once
/// The header of `avcsift report`: what was read and what was found, shared
/// by the text and JSON emitters.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "avcsift/aggregate/denial_timeline.hpp"
#include "avcsift/aggregate/node_set.hpp"
#include "avcsift/explain/baseline.hpp"
#include "avcsift/explain/ignore_list.hpp"
#include "avcsift/model/audit_stamp.hpp"

namespace avcsift {
class RuleSet;
}
namespace avcsift::explain {
class HiddenFailureTally;
class SelinuxErrorTally;
}

namespace avcsift::emit {

/// The collectors a report's findings and summary were computed from, which
/// the JSON report keeps in its `aggregate` section so that `avcsift merge`
/// can recompute everything exactly (all three must outlive the writing).
struct ReportAggregate {
  const RuleSet* rules = nullptr;
  const explain::HiddenFailureTally* hidden = nullptr;
  const explain::SelinuxErrorTally* errors = nullptr;
};

/// One host of `report --by-node`.
struct NodeEntry {
  std::string node;
  AuditStamp first_seen;
  AuditStamp last_seen;
  std::uint64_t denials = 0;
  std::vector<std::size_t> findings;   ///< indices into the report's findings, ascending.
  std::vector<std::size_t> only_here;  ///< of them, those no other host logged.
};

/// Counters and context of one report run.
struct ReportSummary {
  std::vector<std::string> inputs;     ///< as named (`-` for standard input).
  std::uint64_t inputs_failed = 0;
  std::uint64_t lines = 0;
  std::uint64_t events = 0;
  std::uint64_t denials = 0;
  std::uint64_t permissive_denials = 0;  ///< of denials, logged with permissive=1.
  std::uint64_t distinct_rules = 0;      ///< source/target/class triples.
  std::uint64_t hidden_failures = 0;     ///< failed syscalls without AVC.
  std::uint64_t selinux_errors = 0;      ///< SELINUX_ERR reports no rule comes from.
  std::uint64_t parse_warnings = 0;      ///< unreadable lines and records.
  std::optional<AuditStamp> first_seen;
  std::optional<AuditStamp> last_seen;
  std::string policy;                    ///< description, empty without one.
  std::string file_contexts;             ///< path, empty without.
  std::vector<std::string> app_roots;
  std::vector<std::string> app_types;
  std::map<std::string, std::uint64_t> denials_per_domain;
  NodeSet nodes;                         ///< the hosts of all denials.
  /// With --by-node: every host by name (denial findings only).
  std::optional<std::vector<NodeEntry>> by_node;
  std::vector<std::string> skipped_checks;  ///< one line each: what could not be checked and why.
  DenialTimeline timeline;               ///< denials over time, policy loads, break cycles (finished).
  /// With --baseline: a mark per finding (same order) and what is gone.
  std::optional<explain::BaselineComparison> baseline;
  /// With --ignore: the findings set aside and a mark per finding kept.
  std::optional<explain::IgnoreOutcome> ignores;
  /// The collectors behind it all; the JSON report writes its `aggregate`
  /// section from them (none when unset).
  std::optional<ReportAggregate> aggregate;
};

}  // namespace avcsift::emit
