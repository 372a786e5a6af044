#pragma once
// Our own evaluation of a class's constraints, used where libsepol's
// compute-av cannot help: libsepol evaluates constraints only for permissions
// the TE rules already allow, so it hides a constraint that would still deny
// the access once the missing allow rule is added; and it gives only text,
// while we also want to say which attribute differs (the cause).
//
// The text has exactly libsepol's form (`constrain file { read } ((u1 == u2
// -Fail-) ); Constraint DENIED`), so audit2why users recognise it; the unit
// tests check that it equals libsepol's own text.
#include <cstdint>
#include <string>
#include <vector>

#include "avcsift/model/verdict.hpp"
#include "context_table.hpp"
#include "sepol.hpp"

namespace avcsift::policy {

/// A constraint that denies some permissions for a pair of contexts.
struct FailedConstraint {
  sepol_access_vector_t permissions = 0;  ///< the permissions it constrains
  std::string text;                       ///< audit2why's form, without newline
  /// What differs, from the failed comparisons of source with target
  /// (`the source user (staff_u) and target user (user_u) are different`),
  /// or, when none failed, from the failed name lists.
  std::vector<std::string> causes;
  /// The failed comparisons of a source level with a target level.
  std::vector<LevelMismatch> levels;
};

/// The constraints of class `tclass` on any of `permissions` that fail for
/// `source` and `target`, in policy order.
[[nodiscard]] std::vector<FailedConstraint> failing_constraints(
    policydb_t& db, std::uint32_t tclass, sepol_access_vector_t permissions,
    const PolicyContext& source, const PolicyContext& target);

/// What remains of `allowed` (permissions of `tclass`) after the class's
/// constraints, for contexts `source` and `target`: libsepol's constraint
/// step of compute-av, evaluated without building its text (which costs ten
/// times the evaluation).
[[nodiscard]] sepol_access_vector_t allowed_by_constraints(const policydb_t& db,
                                                           std::uint32_t tclass,
                                                           sepol_access_vector_t allowed,
                                                           const context_struct_t& source,
                                                           const context_struct_t& target);

/// True when a constraint of `tclass` looks at users, roles or levels.
[[nodiscard]] bool constraints_use_full_context(const policydb_t& db, std::uint32_t tclass);

}  // namespace avcsift::policy
