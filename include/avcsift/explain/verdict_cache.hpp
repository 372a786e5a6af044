#pragma once
/// Asks the policy once per distinct access, however often it was denied.
///
/// A log of a million denials usually holds a few hundred distinct accesses.
/// audit2why keys its cache by the full contexts, so container denials, whose
/// MCS categories differ on every container, miss it every time. Here the key
/// is the source and target types, class and permissions, unless the policy
/// says the class has constraints on users, roles or levels; only then are the
/// full contexts part of the key.
///
/// Whether a context can exist under the policy at all is asked once per
/// distinct context. A denial with a context the policy rejects was logged
/// under another policy (audit2why gives up on it): its verdict is
/// NotInPolicy naming the context, with the type verdict kept as the further
/// causes, so the rule for its (valid) types is still proposed.
#include <cstdint>
#include <string>
#include <unordered_map>

#include "avcsift/model/access_oracle.hpp"
#include "avcsift/model/denial.hpp"
#include "avcsift/model/verdict.hpp"

namespace avcsift::explain {

/// Memoizes AccessOracle::judge for denials.
class VerdictCache {
 public:
  /// `oracle` may be null (no policy): every verdict is then Reason::Unknown.
  explicit VerdictCache(AccessOracle* oracle) : oracle_(oracle) {}

  /// The verdict for the access of `denial`; valid until the cache is destroyed.
  const Verdict& verdict_for(const Denial& denial);

  /// Calls of verdict_for().
  [[nodiscard]] std::uint64_t lookups() const { return lookups_; }
  /// Of those, the ones that asked the policy.
  [[nodiscard]] std::uint64_t policy_queries() const { return queries_; }

 private:
  /// Bounds the memo of whole denials (see verdict_for()).
  static constexpr std::size_t kMaxRememberedDenials = 1 << 12;

  const Verdict& compute_verdict(const Denial& denial);
  bool depends_on_full_context(const std::string& tclass);
  const std::string& context_problem(const SecurityContext& context);
  const Verdict& type_verdict(const Denial& denial);

  AccessOracle* oracle_;
  Verdict unknown_;
  std::unordered_map<std::string, Verdict> verdicts_;
  std::unordered_map<std::string, bool> class_needs_contexts_;
  std::unordered_map<std::string, std::string> context_problems_;
  std::unordered_map<std::string, Verdict> context_verdicts_;
  std::unordered_map<std::string, const Verdict*> by_denial_;
  std::string denial_key_;  // reused buffers
  std::string key_;
  std::string context_key_;
  std::uint64_t lookups_ = 0;
  std::uint64_t queries_ = 0;
};

}  // namespace avcsift::explain
