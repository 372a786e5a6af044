#pragma once
/// Writes rules as type enforcement (`.te`) text: a fragment to append to a
/// module, or a whole module with `-m NAME`.
///
/// Output, sorted and byte-stable:
///   module plone 1.0;            (only with a module name)
///
///   require {
///   	type etc_t;
///   	type plone_t;
///   	class file { read write };
///   }
///
///   #============= plone_t ==============
///   allow plone_t etc_t:file { read write };
///   allowxperm plone_t self:tcp_socket ioctl { 0x5401-0x5403 0x8910 };   (-x)
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/emit/rule_layout.hpp"

namespace avcsift::emit {

/// How to write the module.
struct TeOptions {
  std::optional<std::string> module_name;  ///< whole module when set.
  std::string module_version = "1.0";
  bool dontaudit = false;                   ///< `dontaudit` instead of `allow`.
  bool xperms = false;                      ///< `allowxperm` rules for logged ioctl commands.
};

/// Collects rules, then writes them sorted at end(). Comment lines passed
/// with a rule are escaped here, so callers may pass log text.
class TeEmitter {
 public:
  TeEmitter(std::ostream& out, TeOptions options);
  /// Starts a module or fragment.
  void begin();
  /// Adds one rule with comment lines to write above it (without the `#`;
  /// escaped here, tabs kept). With `disabled`, the rule itself is written
  /// as a comment too: it names something the policy lacks and would keep
  /// the module from installing.
  void add(const Rule& rule, const std::vector<std::string>& comments = {}, bool disabled = false);
  /// Adds a `role R types T;` statement.
  void add(const RoleTypeKey& role_type);
  /// Writes everything.
  void end();

 private:
  void write_rule(const RuleEntry& entry);

  std::ostream& out_;
  TeOptions options_;
  std::vector<RuleEntry> entries_;
  std::vector<RoleTypeKey> role_types_;
};

}  // namespace avcsift::emit
