#pragma once
/// What an existing type enforcement module (`.te` source) already grants,
/// read so that `avcsift allow --against plone.te` proposes only the rest.
///
/// Lines it reads (checkpolicy's module language; m4 quotes are ignored):
///   module plone 1.0;                                  (or policy_module(plone, 1.0))
///   require { type etc_t; class file { read getattr }; }
///   allow plone_t { etc_t usr_t }:file { read getattr };
///   allow plone_t self:capability { setuid setgid };
///   dontaudit plone_t shadow_t:file read;
///   role unconfined_r types plone_t;
///   if (ploneZEO) { allow plone_t unreserved_port_t:tcp_socket name_connect; }
///   apache_read_config(plone_t)                        (interface call: noted, not expanded)
///
/// Attributes are not expanded (that needs the policy), so a rule on an
/// attribute subtracts nothing: the result may repeat access, never lose it.
#include <compare>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "avcsift/model/diagnostics.hpp"

namespace avcsift::te {

/// One source type, target type (`self` already replaced) and class.
struct AccessKey {
  std::string source;
  std::string target;
  std::string tclass;
  friend auto operator<=>(const AccessKey&, const AccessKey&) = default;
};

/// The rule kinds a module can already hold for an access.
enum class RuleKind { Allow, DontAudit };

/// The permissions and role statements of one or more modules.
class TeModule {
 public:
  /// Records that a rule of `kind` grants `permissions` (`*`: all of them).
  void grant(RuleKind kind, const AccessKey& key, const std::set<std::string>& permissions);
  /// Records a `role R types T;` statement.
  void grant_role(const std::string& role, const std::string& type);
  /// True when a rule of `kind` already covers `permission` for `key`.
  [[nodiscard]] bool grants(RuleKind kind, const AccessKey& key, const std::string& permission) const;
  /// True when the module says `role R types T;`.
  [[nodiscard]] bool grants_role(const std::string& role, const std::string& type) const;

 private:
  std::map<AccessKey, std::set<std::string>> allowed_;
  std::map<AccessKey, std::set<std::string>> dontaudited_;
  std::set<std::pair<std::string, std::string>> roles_;
};

/// Reads module text into `module`. `name` labels diagnostics
/// (`plone.te:12: ...`): a line it cannot read and an interface call it
/// cannot expand are warnings, and the rest is still read.
void read_te_module(std::string_view text, const std::string& name, TeModule& module,
                    Diagnostics& diagnostics);

/// read_te_module() on the file at `path`; throws avcsift::Error when it
/// cannot be read.
void read_te_module_file(const std::string& path, TeModule& module, Diagnostics& diagnostics);

}  // namespace avcsift::te
