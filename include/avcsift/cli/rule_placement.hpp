#pragma once
/// Where `allow` and `watch` put a rule: live, or commented out because it
/// cannot install, and the comment lines that say why.
///
/// A type the loaded policy lacks is the everyday case of a module under
/// development (its own types, `plone_t`, are declared by the module being
/// written and not loaded on the machine studying the log) and of a log from
/// another machine. A fragment or module meant to be appended to, or built as,
/// that module keeps such a rule live: its `require` is resolved when the
/// module is linked with the one declaring the type. Only a `-M` package,
/// built to install on its own, comments it out, unless an `--app-module`
/// declares every such type. A class or permission the policy lacks is not a
/// type any module declares: that rule is always a comment.
#include <set>
#include <string>
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/model/verdict.hpp"

namespace avcsift::policy {
class Policy;
}

namespace avcsift::cli {

/// What the output is for, as far as unknown types matter.
struct PlacementContext {
  /// `-M`: a package installed on its own; only what the loaded policy or an
  /// --app-module defines can install.
  bool package = false;
  /// Types the --app-module files declare: defined wherever the rules go.
  const std::set<std::string>* app_types = nullptr;
};

/// One rule's place in the output.
struct Placement {
  bool live = true;                    ///< false: written as a comment.
  std::vector<std::string> comments;   ///< the reason comments (without marker).
  /// Types the loaded policy lacks and no --app-module declares, sorted.
  std::vector<std::string> unknown_types;
};

/// Decides where a rule with `verdict` goes, and its reason comments.
[[nodiscard]] Placement place_rule(const Verdict& verdict, const PlacementContext& context);

/// The types of `verdict.undefined_names` (`type NAME` entries), in order.
[[nodiscard]] std::vector<std::string> undefined_types(const Verdict& verdict);

/// Whether `role R types T;` can go into a -M package built against `policy`:
/// the policy declares the role, and the type is the policy's or an
/// --app-module's. semodule rejects a package naming a role or type no module
/// declares, though checkmodule builds it.
[[nodiscard]] bool role_type_installs(const RoleTypeKey& role_type, const policy::Policy& policy,
                                      const std::set<std::string>& app_types);

}  // namespace avcsift::cli
