#include "avcsift/cli/rule_placement.hpp"

#include "avcsift/emit/reason_text.hpp"
#include "avcsift/policy/policy.hpp"

namespace avcsift::cli {
namespace {

/// Whether a rule goes into a module package (-M). Denials that a boolean
/// fixes, or that the policy already allows or dontaudits, need no allow
/// rule: packaging one would silently override the boolean or the dontaudit
/// decision, so in a package such rules are comments (in plain output they
/// stay rules with their audit2allow comment, as audit2allow writes them).
bool belongs_in_package(const Verdict& verdict) {
  switch (verdict.reason) {
    case Reason::Boolean:
    case Reason::DontAudit:
    case Reason::Allowed:
      return false;
    case Reason::Unknown:
    case Reason::MissingTeRule:
    case Reason::Constraint:
    case Reason::Rbac:
    case Reason::Bounds:
    case Reason::NotInPolicy:
      return true;
  }
  return true;
}

/// `type a_t` or `types a_t, b_t`.
std::string type_list(const std::vector<std::string>& types) {
  std::string text = types.size() == 1 ? "type " : "types ";
  for (std::size_t i = 0; i < types.size(); ++i) text += (i == 0 ? "" : ", ") + types[i];
  return text;
}

}  // namespace

std::vector<std::string> undefined_types(const Verdict& verdict) {
  std::vector<std::string> types;
  for (const auto& name : verdict.undefined_names) {
    if (name.starts_with("type ")) types.push_back(name.substr(5));
  }
  return types;
}

Placement place_rule(const Verdict& verdict, const PlacementContext& context) {
  Placement placement;
  if (verdict.reason != Reason::NotInPolicy) {
    placement.live = !context.package || belongs_in_package(verdict);
    placement.comments = emit::te_reason_comments(verdict);
    return placement;
  }
  // A class or permission no module can add: the rule cannot install anywhere.
  std::vector<std::string> others;  // users, roles, levels: the rule does not name them
  for (const auto& name : verdict.undefined_names) {
    if (name.starts_with("class ") || name.starts_with("permission ")) {
      placement.live = false;
      placement.comments = emit::te_reason_comments(verdict);
      return placement;
    }
    if (name.starts_with("type ")) {
      const std::string type = name.substr(5);
      if (context.app_types == nullptr || !context.app_types->contains(type)) {
        placement.unknown_types.push_back(type);
      }
      continue;
    }
    others.push_back(name);
  }
  if (placement.unknown_types.empty()) {
    // Every unknown type is the application's own: a rule like any other.
    if (!others.empty()) placement.comments = emit::te_reason_comments(verdict);
    return placement;
  }
  const std::string types = type_list(placement.unknown_types);
  const char* const them = placement.unknown_types.size() == 1 ? "it" : "them";
  if (context.package) {
    placement.live = false;
    placement.comments.push_back("!!!! The loaded policy does not define " + types + ", and no --app-module declares " +
                                 them + "; a package cannot install this rule on its own");
  } else {
    placement.comments.push_back("!!!! The loaded policy does not define " + types +
                                 "; this rule installs together with the module that declares " + them);
  }
  for (const auto& name : others) placement.comments.push_back("     " + name + " is not defined in the policy");
  return placement;
}

bool role_type_installs(const RoleTypeKey& role_type, const policy::Policy& policy,
                        const std::set<std::string>& app_types) {
  return policy.has_role(role_type.role) && (policy.has_type(role_type.type) || app_types.contains(role_type.type));
}

}  // namespace avcsift::cli
