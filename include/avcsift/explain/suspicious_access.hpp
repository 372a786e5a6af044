#pragma once
/// Flags on denials whose allow rule would be dangerous to add blindly.
///
/// audit2allow answers every denial with a rule, and a rule is easy to
/// paste. The hard lesson of confining an application is that many denials
/// are the application reaching for something it must not have: writing
/// /etc/passwd, taking dac_override to ignore file permissions, executable
/// anonymous memory, a user's ssh keys, a change to SELinux itself. Others
/// show the confinement is not yet real: a domain left permissive, or rules
/// for an unconfined domain (which should never need them). These checks
/// point a reviewer at such rules before they ship; each flag has a
/// severity so a CI job can refuse a module with `--fail-on high`.
///
/// The checks that depend on what the application is (paths outside
/// `--app-root`, types it does not own) only run when AppScope knows it.
#include <set>
#include <string>
#include <vector>

#include "avcsift/explain/app_scope.hpp"
#include "avcsift/explain/finding.hpp"
#include "avcsift/explain/flag.hpp"
#include "avcsift/explain/policy_facts.hpp"

namespace avcsift::explain {

/// What the checks know beyond the finding itself.
struct FlagContext {
  const AppScope* scope = nullptr;     ///< may be null: scope checks skipped.
  /// Source domains of the application (owned by the scope, or running an
  /// executable below an app root).
  std::set<std::string> app_domains;
  /// Every denial of the run was logged with permissive=1: the machine,
  /// not a domain, was most likely permissive.
  bool all_permissive = false;
  /// The policy in use says whether a domain is permissive (null: unknown).
  const PolicyFacts* facts = nullptr;
};

/// The flags of one denial finding, worst first (ties in FlagId order).
[[nodiscard]] std::vector<Flag> flag_finding(const Finding& finding, const FlagContext& context);

/// Adds the flags that depend on the fixes (SeparationOff for advice that
/// turns SELinux off for a container) and keeps the flags worst first.
void flag_fixes(Finding& finding);

}  // namespace avcsift::explain
