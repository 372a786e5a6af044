#pragma once
/// Writes rules as CIL, the language `secilc` compiles and `semodule -i
/// NAME.cil` installs. The same rules as TeEmitter, in the same order:
///
///   ; avcsift module plone 1.0         (only with a module name)
///
///   ;============= plone_t ==============
///   (allow plone_t etc_t (file (read write)))
///   (allow plone_t self (tcp_socket (ioctl)))
///   (allowx plone_t self (ioctl tcp_socket ((range 0x5401 0x5403) 0x8910)))   (-x)
///
///   ;============= ROLES ==============
///   (roletype unconfined_r plone_t)
///
/// CIL has no require blocks (a module names what the base policy declares)
/// and no module statement: semodule names a CIL module after its file, so
/// the name and version only appear in the heading comment.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/emit/rule_layout.hpp"

namespace avcsift::emit {

/// How to write it: module name and version, dontaudit, xperms.
using CilOptions = RuleOutputOptions;

/// Collects rules, then writes them sorted at end(); the shape of TeEmitter.
/// Comment lines passed with a rule are escaped here, so callers may pass log text.
class CilEmitter final : public RuleCollectingEmitter {
 public:
  CilEmitter(std::ostream& out, CilOptions options) : RuleCollectingEmitter(out, std::move(options)) {}
  /// Writes everything.
  void end();

 private:
  void write_rule(const RuleEntry& entry);
};

}  // namespace avcsift::emit
