#pragma once
/// Which of a log's types the policy defines: the evidence that a log comes
/// from a machine with another policy.
///
/// A Fedora or RHEL log read against Debian's policy names many types Debian
/// lacks (container_t, unconfined_service_t, ...), and a Debian log read
/// against Fedora's the other way round. Every denial naming one is then
/// "not in the policy", and the reasons, booleans and flags the user came for
/// are missing: the policy to ask is the log's own. One type or two the
/// policy lacks is the normal case of a module under development (its own
/// types are not loaded where the log is studied), so the census calls a log
/// foreign only when most of its distinct types are unknown, and at least
/// kMinForeignTypes of them. The application's own types (--app-module,
/// --app-types) count as known.
#include <cstddef>
#include <set>
#include <string>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/explain/app_scope.hpp"
#include "avcsift/model/verdict.hpp"

namespace avcsift::explain {

/// The fewest unknown types that make a log look foreign.
inline constexpr std::size_t kMinForeignTypes = 3;

/// The distinct source and target types of a log, and those its verdicts
/// found undefined.
class TypeCensus {
 public:
  /// Counts one denial's types and what its verdict says of them.
  void add(const std::string& source_type, const std::string& target_type, const Verdict& verdict);
  /// Counts every rule of `rules`.
  void add(const RuleSet& rules);

  /// Every type seen, sorted.
  [[nodiscard]] const std::set<std::string>& types() const { return types_; }
  /// The types the policy does not define and `scope` does not own, sorted.
  [[nodiscard]] std::set<std::string> unknown(const AppScope& scope) const;
  /// True when most of the types, and at least kMinForeignTypes, are unknown.
  [[nodiscard]] bool looks_foreign(const AppScope& scope) const;

 private:
  std::set<std::string> types_;
  std::set<std::string> undefined_;
};

}  // namespace avcsift::explain
