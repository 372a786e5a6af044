#include "boolean_solver.hpp"

#include <algorithm>
#include <cstdint>

namespace avcsift::policy {
namespace {

/// The search state: the conditional rules that can grant a requested
/// permission, the booleans they depend on, and the current boolean values.
class Search {
 public:
  Search(const policydb_t& db, const TeRules& te, const TeAccess& access,
         sepol_access_vector_t requested)
      : db_(db), te_(te), unconditional_(access.unconditional), requested_(requested) {
    for (const CondGrant& grant : access.conditional) {
      if ((grant.perms & requested) != 0) grants_.push_back(grant);
    }
    states_.assign(db.p_bools.nprim + 1, 0);
    for (std::uint32_t b = 1; b <= db.p_bools.nprim; ++b) {
      states_[b] = db.bool_val_to_struct[b - 1]->state != 0 ? 1 : 0;
    }
    for (const CondGrant& grant : grants_) {
      for (const avcsift_cond_term& term : te.cond_nodes()[grant.node].expr) {
        if (term.op == AVCSIFT_COND_BOOL && term.bool_value <= db.p_bools.nprim) {
          variables_.push_back(term.bool_value);
        }
      }
    }
    std::sort(variables_.begin(), variables_.end());
    variables_.erase(std::unique(variables_.begin(), variables_.end()), variables_.end());
  }

  /// True when even every conditional rule together could not allow it.
  [[nodiscard]] bool hopeless() const {
    sepol_access_vector_t all = unconditional_;
    for (const CondGrant& grant : grants_) all |= grant.perms;
    return (requested_ & ~all) != 0;
  }

  /// All sets of `size` booleans whose change allows the access.
  [[nodiscard]] std::vector<std::vector<BooleanSetting>> fixes_of_size(std::size_t size) {
    std::vector<std::vector<BooleanSetting>> fixes;
    if (size > variables_.size()) return fixes;
    std::vector<std::size_t> pick(size);
    for (std::size_t k = 0; k < size; ++k) pick[k] = k;
    while (true) {
      for (std::size_t k : pick) states_[variables_[k]] ^= 1;
      if (allows()) fixes.push_back(settings(pick));
      for (std::size_t k : pick) states_[variables_[k]] ^= 1;
      if (!next_combination(pick)) break;
    }
    return fixes;
  }

 private:
  [[nodiscard]] bool allows() const {
    sepol_access_vector_t allowed = unconditional_;
    for (const CondGrant& grant : grants_) {
      if (TeRules::evaluate(te_.cond_nodes()[grant.node], states_) == grant.in_true_list) {
        allowed |= grant.perms;
      }
    }
    return (requested_ & ~allowed) == 0;
  }

  /// The changed booleans of `pick` with their new values (states_ flipped).
  [[nodiscard]] std::vector<BooleanSetting> settings(const std::vector<std::size_t>& pick) const {
    std::vector<BooleanSetting> out;
    for (std::size_t k : pick) {
      const std::uint32_t b = variables_[k];
      out.push_back(BooleanSetting{db_.p_bool_val_to_name[b - 1], states_[b] != 0});
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  /// Advances `pick` to the next k-combination of variables_ in
  /// lexicographic order; false after the last one.
  [[nodiscard]] bool next_combination(std::vector<std::size_t>& pick) const {
    const std::size_t n = variables_.size();
    const std::size_t k = pick.size();
    for (std::size_t i = k; i-- > 0;) {
      if (pick[i] < n - k + i) {
        ++pick[i];
        for (std::size_t j = i + 1; j < k; ++j) pick[j] = pick[j - 1] + 1;
        return true;
      }
    }
    return false;
  }

  const policydb_t& db_;
  const TeRules& te_;
  sepol_access_vector_t unconditional_;
  sepol_access_vector_t requested_;
  std::vector<CondGrant> grants_;
  std::vector<char> states_;
  std::vector<std::uint32_t> variables_;
};

}  // namespace

std::vector<std::vector<BooleanSetting>> find_boolean_fixes(const policydb_t& db,
                                                            const TeRules& te,
                                                            const TeAccess& access,
                                                            sepol_access_vector_t requested) {
  Search search(db, te, access, requested);
  if (search.hopeless()) return {};
  for (std::size_t size = 1; size <= kMaxBooleanChanges; ++size) {
    auto fixes = search.fixes_of_size(size);
    if (!fixes.empty()) {
      std::sort(fixes.begin(), fixes.end());
      return fixes;
    }
  }
  return {};
}

}  // namespace avcsift::policy
