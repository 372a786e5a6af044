#pragma once
// Role-based access control reasons for a denial.
//
// libsepol's compute-av knows one RBAC reason: a process transition that
// changes role without a `role allow` rule; check_rbac finds it. A context
// whose role may not hold its type (or whose user may not hold its role)
// cannot even be turned into a SID there, so audit2why gives up on it
// ("Invalid Source Context"): such a context was logged under another
// policy. authorization_problems says what is wrong with it, for
// Policy::context_problem.
#include <string>
#include <vector>

#include "context_table.hpp"
#include "sepol.hpp"

namespace avcsift::policy {

/// What the RBAC rules deny of an access, and why.
struct RbacFinding {
  sepol_access_vector_t denied = 0;  ///< requested permissions RBAC denies
  std::vector<std::string> causes;   ///< e.g. `role staff_r is not authorized for type httpd_t`
};

/// Checks a role change on `process` transition/dyntrans for a role allow rule.
[[nodiscard]] RbacFinding check_rbac(const policydb_t& db, const PolicyContext& source,
                                     const PolicyContext& target, std::uint32_t tclass,
                                     sepol_access_vector_t requested);

/// Why the policy would refuse context `c`: its role may not hold its type,
/// or its user may not hold its role. Parts the policy does not define are
/// not checked (they are listed in PolicyContext::undefined).
[[nodiscard]] std::vector<std::string> authorization_problems(const policydb_t& db,
                                                              const PolicyContext& c);

}  // namespace avcsift::policy
