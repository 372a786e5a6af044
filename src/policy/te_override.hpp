#pragma once
// A TE decision computed already, handed to libsepol's access computation.
//
// sepol_compute_av_reason walks every (source attribute, target attribute)
// pair of the policy's type_attr_map in the full TE tables before it checks
// constraints and role transitions: about 350 avtab lookups an access on
// Fedora's policy, two thirds of a judgement's cost. TeRules::decision gives
// the same TE answer (te_decision_test.cpp proves it on the corpus) from its
// own per-type key arrays and remembers it. While a TeOverride lives,
// libsepol sees each of the two types as holding only itself, and TE tables
// with the one decision in them, so its walk is one lookup and what follows
// the walk (constraints, RBAC) runs on the same allowed permissions.
#include <cstdint>

#include "sepol.hpp"
#include "te_rules.hpp"

namespace avcsift::policy {

class TeOverride {
public:
  /// Swaps the tables of `db` for the decision `te` of types `source` and
  /// `target` (values) on `tclass`. The Policy is used by one thread at a
  /// time (libsepol's services hold it in globals), so nothing else sees it.
  TeOverride(policydb_t &db, std::uint32_t source, std::uint32_t target,
             std::uint32_t tclass, const TeDecision &te);
  ~TeOverride();
  TeOverride(const TeOverride &) = delete;
  TeOverride &operator=(const TeOverride &) = delete;

  /// False when the one-entry table could not be built (out of memory): the
  /// policy's own tables are then left in place, and libsepol walks them.
  [[nodiscard]] bool active() const { return active_; }

private:
  policydb_t &db_;
  std::uint32_t source_;
  std::uint32_t target_;
  bool active_ = false;
  avtab_t decision_{}; ///< the one (source, target, class) entry of each kind
  avtab_t empty_{};    ///< stands for the conditional table, already in `te`
  ebitmap_t source_only_{};
  ebitmap_t target_only_{};
  avtab_t saved_avtab_{};
  avtab_t saved_cond_avtab_{};
  ebitmap_t saved_source_map_{};
  ebitmap_t saved_target_map_{};
};

} // namespace avcsift::policy
