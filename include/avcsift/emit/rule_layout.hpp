#pragma once
/// The layout .te and CIL output share: installable rules under a heading per
/// source domain, then the role statements, then the rules the policy cannot
/// take, as comments under their own heading (so no tool reading the file
/// mistakes their notes for notes about the rule after them). Only the syntax
/// differs; the emitters supply it.
#include <functional>
#include <iosfwd>
#include <optional>
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

/// How to write a module, in .te or CIL.
struct RuleOutputOptions {
  std::optional<std::string> module_name;  ///< a whole module (.te) or its heading (CIL).
  std::string module_version = "1.0";
  bool dontaudit = false;                   ///< `dontaudit` instead of `allow`.
  bool xperms = false;                      ///< extended permission rules for logged ioctl commands.
};

/// What the .te and CIL emitters share: they collect rules and role
/// statements (begin/add) and write them all, sorted, at end(). Comment lines
/// passed with a rule are escaped when written, so callers may pass log text.
class RuleCollectingEmitter {
 public:
  /// Starts a module or fragment.
  void begin();
  /// Adds one rule with comment lines to write above it (without the comment
  /// marker; tabs kept). With `disabled`, the rule itself is written as a
  /// comment too: it names something the policy lacks and would keep the
  /// module from installing.
  void add(const Rule& rule, const std::vector<std::string>& comments = {}, bool disabled = false);
  /// Adds a role statement (`role R types T;` / `(roletype R T)`).
  void add(const RoleTypeKey& role_type);

 protected:
  RuleCollectingEmitter(std::ostream& out, RuleOutputOptions options)
      : out_(out), options_(std::move(options)) {}

  std::ostream& out_;
  RuleOutputOptions options_;
  std::vector<RuleEntry> entries_;
  std::vector<RoleTypeKey> role_types_;
};

/// Sorts `entries` and `role_types` and writes them in the shared layout.
void write_rule_layout(std::ostream& out, std::vector<RuleEntry>& entries,
                       std::vector<RoleTypeKey>& role_types, const LayoutSyntax& syntax);

/// Writes `comments` as comment lines (escaped, tabs kept) after a blank line.
void write_comment_lines(std::ostream& out, char marker, const std::vector<std::string>& comments);

}  // namespace avcsift::emit
