#pragma once
/// The layout .te and CIL output share: installable rules under a heading per
/// source domain, then the role statements, then the rules the policy cannot
/// take, as comments under their own heading (so no tool reading the file
/// mistakes their notes for notes about the rule after them). Only the syntax
/// differs; the emitters supply it.
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"

namespace avcsift::emit {

/// One rule to write, with its comment lines (without the comment marker).
struct RuleEntry {
  const Rule* rule = nullptr;
  std::vector<std::string> comments;
  bool disabled = false;  ///< written as a comment: it cannot be installed.
};

/// How one output language writes the parts of the layout.
struct LayoutSyntax {
  char comment = '#';                                            ///< `#` (.te) or `;` (CIL).
  std::function<void(const RuleEntry&)> write_rule;              ///< the rule itself.
  std::function<void(const RoleTypeKey&)> write_role_type;       ///< `role R types T;` and the like.
};

/// Sorts `entries` and `role_types` and writes them in the shared layout.
void write_rule_layout(std::ostream& out, std::vector<RuleEntry>& entries,
                       std::vector<RoleTypeKey>& role_types, const LayoutSyntax& syntax);

/// Writes `comments` as comment lines (escaped, tabs kept) after a blank line.
void write_comment_lines(std::ostream& out, char marker, const std::vector<std::string>& comments);

}  // namespace avcsift::emit
