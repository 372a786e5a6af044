#pragma once
// Role-based access control reasons for a denial.
//
// libsepol's compute-av knows one RBAC reason: a process transition that
// changes role without a `role allow` rule. A context whose role may not hold
// its type (or whose user may not hold its role) cannot even be turned into
// a SID there, so audit2why gives up on it ("Invalid Source Context"); the
// kernel reports such contexts in SELINUX_ERR records after a policy change.
// We check both and say what is wrong.
#include <string>
#include <vector>

#include "context_table.hpp"
#include "sepol.hpp"

namespace avcsift::policy {

/// What the RBAC rules deny of an access, and why.
struct RbacFinding {
  sepol_access_vector_t denied = 0;  ///< requested permissions RBAC denies
  /// The part of `denied` libsepol also denies: transition/dyntrans without
  /// role allow (invalid contexts are ours alone).
  sepol_access_vector_t role_change_denied = 0;
  std::vector<std::string> causes;   ///< e.g. `role staff_r is not authorized for type httpd_t`
};

/// Checks both contexts for role/type and user/role authorization, and a
/// role change on `process` transition/dyntrans for a role allow rule. Parts
/// of a context the policy does not define are not checked.
[[nodiscard]] RbacFinding check_rbac(const policydb_t& db, const PolicyContext& source,
                                     const PolicyContext& target, std::uint32_t tclass,
                                     sepol_access_vector_t requested);

}  // namespace avcsift::policy
