#pragma once
/// Writes a reference-policy style module (`allow -R`): interface calls where
/// an interface covers the denials, raw rules where none does, in
/// audit2allow -R's layout. With `-m NAME`, a module the devel Makefile
/// (/usr/share/selinux/devel/Makefile) builds:
///
///   policy_module(plone, 1.0)
///
///   require {
///   	type etc_t;
///   	type plone_t;
///   	class dir add_name;
///   }
///
///   #============= plone_t ==============
///   allow plone_t etc_t:dir add_name;
///   files_read_etc_files(plone_t)
#include <iosfwd>
#include <string>
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/emit/rule_layout.hpp"

namespace avcsift::emit {

/// One interface call under the heading of its domain. Every name in it must
/// already have passed is_valid_identifier.
struct InterfaceCallEntry {
  std::string domain;                 ///< the heading: the denials' source type.
  std::string name;                   ///< the interface.
  std::vector<std::string> args;      ///< its arguments.
  std::vector<std::string> types;     ///< the arguments that are types (for the require block).
  std::vector<std::string> comments;  ///< comment lines above it (`-v`), escaped when written.
};

/// Collects raw rules (as the .te emitter) and interface calls, and writes
/// them sorted at end().
class RefpolicyEmitter final : public RuleCollectingEmitter {
 public:
  /// Writes onto `out` with module name and version, dontaudit, xperms.
  RefpolicyEmitter(std::ostream& out, RuleOutputOptions options)
      : RuleCollectingEmitter(out, std::move(options)) {}
  using RuleCollectingEmitter::add;
  /// Adds an interface call.
  void add(InterfaceCallEntry call) { calls_.push_back(std::move(call)); }
  /// Writes everything.
  void end();

 private:
  std::vector<InterfaceCallEntry> calls_;
};

}  // namespace avcsift::emit
