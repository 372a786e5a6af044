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
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/emit/rule_layout.hpp"

namespace avcsift::emit {

/// How to write it: module name and version, dontaudit, xperms.
using TeOptions = RuleOutputOptions;

/// What a module with no live rule requires, so that checkmodule builds it:
/// a kernel class that every policy defines.
inline constexpr const char* kEmptyModuleRequire =
    "\n# No rule to install: this require only lets checkmodule build the module.\n"
    "require {\n\tclass process transition;\n}\n";

/// `read` or `{ read write }`, as checkmodule and audit2allow write sets.
[[nodiscard]] std::string te_set_text(const std::set<std::string>& items);

/// What a module's `require { }` block names: exactly what its rules use.
struct TeRequirements {
  std::set<std::string> types;
  std::set<std::string> roles;
  std::map<std::string, std::set<std::string>> classes;  ///< class -> permissions

  /// Adds what the enabled rules of `entries` and the role statements use.
  void add_rules(const std::vector<RuleEntry>& entries, const std::vector<RoleTypeKey>& role_types);
};

/// Writes `require { ... }` (types, roles, classes, each sorted), or nothing
/// when no type is needed.
void write_te_require(std::ostream& out, const TeRequirements& needed);

/// Writes one rule (its comments, the rule, and with -x its allowxperm rule)
/// as .te text; the refpolicy emitter writes its raw rules with it too.
void write_te_rule(std::ostream& out, const RuleEntry& entry, const TeOptions& options);

/// Collects rules, then writes them sorted at end(). Comment lines passed
/// with a rule are escaped here, so callers may pass log text.
class TeEmitter final : public RuleCollectingEmitter {
 public:
  TeEmitter(std::ostream& out, TeOptions options) : RuleCollectingEmitter(out, std::move(options)) {}
  /// Writes everything.
  void end();

 private:
  void write_rule(const RuleEntry& entry);
};

}  // namespace avcsift::emit
