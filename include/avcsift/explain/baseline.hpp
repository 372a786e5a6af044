#pragma once
/// `--baseline OLD.json`: what a previous `report --format json` found, so a
/// pipeline fails on what is new rather than on what is there (the known
/// denials a team has not fixed yet).
///
/// A finding is identified by its kind, source type, target type and class
/// (and, for SELINUX_ERR findings, which report). It is `seen` when the
/// baseline has it with every one of its permissions, and `new` otherwise:
/// a known source, target and class that is now denied a permission more is
/// a new access to review, so it is new too, and says which permissions the
/// baseline lacked. Baseline entries that no finding matches are `gone`.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "avcsift/explain/finding.hpp"

namespace avcsift::explain {

/// One finding of a previous report, as its JSON gives it.
struct BaselineEntry {
  std::string kind;           ///< `denial`, `hidden_failure` or `selinux_error`.
  std::string selinux_error;  ///< the SELINUX_ERR report's name, empty for others.
  std::string source_type;
  std::string target_type;
  std::string tclass;
  std::set<std::string> permissions;
  std::uint64_t count = 0;
  std::string severity;       ///< `high`, `medium`, `low`, or empty without flags.
  std::string sentence;       ///< what the old report said (log text: escape it).
};

/// Whether a finding was in the baseline.
enum class BaselineStatus {
  New,   ///< not in the baseline, or with permissions the baseline lacked.
  Seen,  ///< in the baseline with all of its permissions.
};

/// The baseline's word on one finding.
struct BaselineMark {
  BaselineStatus status = BaselineStatus::New;
  bool known = false;                     ///< the baseline has its source, target and class.
  std::uint64_t old_count = 0;            ///< the baseline's count (0 unless known).
  std::set<std::string> new_permissions;  ///< permissions the baseline lacked.
};

/// A finding set compared with a baseline.
struct BaselineComparison {
  std::string file;                  ///< the baseline as named.
  std::vector<BaselineMark> marks;   ///< one per finding, same order.
  std::vector<BaselineEntry> gone;   ///< baseline entries no finding matches, baseline order.
  [[nodiscard]] std::size_t new_count() const;
  [[nodiscard]] std::size_t seen_count() const;
};

/// Compares `findings` with the baseline's `entries`; entries matching one of
/// `ignored` (findings --ignore took out) are neither marked nor gone.
[[nodiscard]] BaselineComparison compare_with_baseline(const std::vector<BaselineEntry>& entries,
                                                       const std::vector<Finding>& findings,
                                                       const std::vector<Finding>& ignored = {});

/// The JSON `kind` of a finding: `denial`, `hidden_failure` or `selinux_error`.
[[nodiscard]] const char* finding_kind_name(FindingKind kind);

/// The name of a BaselineStatus in reports: `new` or `seen`.
[[nodiscard]] const char* baseline_status_name(BaselineStatus status);

}  // namespace avcsift::explain
