#pragma once
// Type enforcement lookups: which permissions the allow rules give a
// (source type, target type, class), split into the unconditional part and
// the conditional (booleanif) rules, so the boolean solver can reason about
// what a boolean change would allow.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "cond_rules.h"
#include "sepol.hpp"

namespace avcsift::policy {

/// A conditional block of the policy: its expression and current truth.
struct CondNode {
  std::vector<avcsift_cond_term> expr;  ///< reverse Polish notation
  bool current = false;                 ///< under the policy's boolean values
};

/// A conditional allow rule that applies to a lookup.
struct CondGrant {
  std::uint32_t node = 0;         ///< index into TeRules::cond_nodes()
  bool in_true_list = true;       ///< applies when the expression is true (`if`), else `else`
  sepol_access_vector_t perms = 0;
};

/// What the allow rules give one (source type, target type, class).
struct TeAccess {
  sepol_access_vector_t allowed = 0;        ///< now: unconditional + enabled conditional rules
  sepol_access_vector_t unconditional = 0;  ///< rules outside any booleanif
  std::vector<CondGrant> conditional;       ///< every conditional allow rule, enabled or not
};

/// What the type enforcement rules alone decide, as libsepol computes it
/// before it looks at constraints.
struct TeDecision {
  sepol_access_vector_t allowed = 0;
  sepol_access_vector_t auditdeny = 0;  ///< cleared bits: a dontaudit rule
};

/// Answers TE questions for one policydb. The index of conditional rules by
/// (source, target, class) is built on first use (a few ms for a distribution
/// policy), so runs that never meet a TE denial do not pay for it.
class TeRules {
 public:
  explicit TeRules(const policydb_t& db) : db_(db) {}

  /// The allow rules for types `source` and `target` (values, not attributes)
  /// on class `tclass`, through all their attributes as the kernel looks them up.
  [[nodiscard]] TeAccess lookup(std::uint32_t source, std::uint32_t target,
                                std::uint32_t tclass) const;
  /// What the allow rules written for exactly `source_key` and `target_key`
  /// (each a type or an attribute) give on `tclass` now: unconditional rules
  /// and enabled conditional ones. The building block of attribute-wide queries.
  [[nodiscard]] sepol_access_vector_t allowed_by_key(std::uint32_t source_key,
                                                     std::uint32_t target_key,
                                                     std::uint32_t tclass) const;
  /// libsepol's TE decision for types `source` and `target` (values) on
  /// `tclass`, remembered per triple (booleans never change during a run).
  [[nodiscard]] TeDecision decision(std::uint32_t source, std::uint32_t target, std::uint32_t tclass) const;
  /// The attributes of type `type` (a value), the type itself included, as
  /// values: type_attr_map's bits, read once per type. Iterating libsepol's
  /// ebitmaps pair by pair was most of a TE decision's cost on Fedora's policy.
  [[nodiscard]] const std::vector<std::uint32_t>& attribute_keys(std::uint32_t type) const;
  /// Every conditional node of the policy, indexed by CondGrant::node.
  [[nodiscard]] const std::vector<CondNode>& cond_nodes() const;
  /// Evaluates a conditional expression with `states[b]` as the value of
  /// boolean b (1-based); a malformed expression is false.
  [[nodiscard]] static bool evaluate(const CondNode& node, const std::vector<char>& states);

 private:
  struct IndexedRule {
    std::uint32_t node;
    bool in_true_list;
    sepol_access_vector_t perms;
  };
  void build_index() const;
  /// Of `keys` (a type's attribute_keys), those that some access-vector rule
  /// of `tclass` (allow, auditallow, dontaudit; conditional or not) names as
  /// its source (`side` 0) or target (1), in the same order. A pair with a
  /// key outside them finds nothing in either table, and most pairs are such:
  /// skipping them is what makes a decision cheap on Fedora's policy.
  [[nodiscard]] const std::vector<std::uint32_t>& keys_with_class(
      const std::vector<std::uint32_t>& keys, std::uint32_t tclass, int side) const;
  void build_class_keys() const;
  /// lookup() without the memo: the rules through all attribute pairs.
  [[nodiscard]] TeAccess collect(std::uint32_t source, std::uint32_t target, std::uint32_t tclass) const;

  const policydb_t& db_;
  mutable bool indexed_ = false;
  mutable std::vector<CondNode> nodes_;
  // key: source << 32 | target << 16 | class; allow rules only.
  mutable std::unordered_map<std::uint64_t, std::vector<IndexedRule>> rules_;
  // lookup()'s memo, same key; `allowed` is not kept (booleans may change).
  mutable std::unordered_map<std::uint64_t, TeAccess> looked_up_;
  // attribute_keys()'s memo, indexed by type value - 1.
  mutable std::vector<std::vector<std::uint32_t>> keys_;
  // keys_with_class(): per side, one bit per (class, key): class_words_
  // 64-bit words for each class, bit key - 1; and its two result buffers.
  mutable std::size_t class_words_ = 0;
  mutable std::vector<std::uint64_t> class_keys_[2];
  mutable std::vector<std::uint32_t> filtered_[2];
  // decision()'s memo, same key.
  mutable std::unordered_map<std::uint64_t, TeDecision> decided_;
};

}  // namespace avcsift::policy
