#pragma once
// `allow -R`: the emitter shape (begin/add/end) that run_allow feeds, which
// at end() chooses interfaces for the rules and writes a refpolicy module.
#include <iosfwd>
#include <string>
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/cli/allow_command.hpp"
#include "avcsift/model/diagnostics.hpp"

namespace avcsift::cli {

/// Collects rules like the .te emitter; end() loads the permission map and
/// the interface database (cached), replaces covered rules by interface
/// calls and writes the module.
class ReferenceWriter {
 public:
  /// Writes onto `out`; notes (which map, how many calls) go to `diagnostics`.
  ReferenceWriter(std::ostream& out, const AllowOptions& options, Diagnostics& diagnostics)
      : out_(out), options_(options), diagnostics_(diagnostics) {}
  /// Starts the module.
  void begin() { entries_.clear(); }
  /// Adds a rule with its comment lines; `disabled` rules stay commented-out rules.
  void add(const Rule& rule, const std::vector<std::string>& comments, bool disabled) {
    entries_.push_back({&rule, comments, disabled});
  }
  /// Adds a role statement.
  void add(const RoleTypeKey& role_type) { role_types_.push_back(role_type); }
  /// Chooses the interfaces and writes everything.
  void end();

 private:
  struct Entry {
    const Rule* rule;
    std::vector<std::string> comments;
    bool disabled;
  };
  std::ostream& out_;
  const AllowOptions& options_;
  Diagnostics& diagnostics_;
  std::vector<Entry> entries_;
  std::vector<RoleTypeKey> role_types_;
};

}  // namespace avcsift::cli
