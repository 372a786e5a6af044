#pragma once
/// Chooses reference-policy interfaces for denied access, scoring them the
/// way sepolgen's audit2allow -R does, with its permission-map weights.
///
/// Why a distance: an interface is a bundle of rules written for a purpose
/// (`files_read_etc_files` also lets the domain search /etc), so the one to
/// propose is the bundle that grants what was denied and as little else as
/// possible. Each rule of a candidate is compared with the request:
///   - a rule on the same source, target and class that covers the denied
///     permissions costs the weight of the permissions it adds;
///   - one that misses some of them costs their weight;
///   - an unrelated rule costs 10 per differing type or class plus the
///     weight of everything it grants.
/// An interface qualifies when one rule covers the request; its score is the
/// sum of these costs, plus 100 when the request only reads and the
/// interface also writes (a change of information-flow direction is worse
/// than extra reading). The lowest score wins; ties go to the interface
/// sepolgen would list first (a parameter target before a fixed one, then
/// by name), so the choice is stable and comparable with audit2allow's.
/// `self` in an interface matches a request whose target is its source
/// (sepolgen compares `self` with the type name and never matches it), and
/// candidates above MatcherOptions::max_score are dropped.
///
/// Unlike sepolgen, interfaces with several parameters are used too, as long
/// as each parameter is a source type, target type or class a denial can
/// fill, and the covering rule names a fixed type (an interface whose rule is
/// `allow $1 $2:file read;` only restates the raw rule).
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "avcsift/refpolicy/interface_database.hpp"
#include "avcsift/refpolicy/permission_map.hpp"

namespace avcsift::refpolicy {

/// Denied access of one source, target and class.
struct AccessRequest {
  std::string source;           ///< the denied domain.
  std::string target;           ///< the target type.
  std::string tclass;           ///< the object class.
  std::set<std::string> perms;  ///< the denied permissions.
};

/// An interface that covers a request, with the arguments to call it with.
struct Candidate {
  const Interface* interface = nullptr;  ///< in the matcher's database.
  std::vector<std::string> args;  ///< args[0] for `$1`.
  int score = 0;                  ///< distance: lower grants less beyond the request.

  /// `name(arg1, arg2)` as it is written in a module.
  [[nodiscard]] std::string call_text() const;
};

/// Matcher options.
struct MatcherOptions {
  bool multi_parameter = true;  ///< also interfaces with several parameters (sepolgen: never).
  /// Candidates scoring above this are not proposed: an interface granting
  /// that much beyond the request (`unconfined_domain` for one capability)
  /// is worse than a raw rule. On the corpus, every call audit2allow -R
  /// proposed scores under 300; sepolgen has no such limit, but it never
  /// saw these candidates because it does not match `self` rules.
  int max_score = 500;
};

/// Finds and ranks interfaces for requests; the database and map must
/// outlive it.
class InterfaceMatcher {
 public:
  /// Indexes the callable interfaces of `database`.
  InterfaceMatcher(const InterfaceDatabase& database, const PermissionMap& map, MatcherOptions options = {});
  /// Every interface that covers `request`, best first; empty when none does.
  [[nodiscard]] std::vector<Candidate> match(const AccessRequest& request) const;
  /// The score of `interface` called with `args` for `request`, or -1 when
  /// it does not cover it.
  [[nodiscard]] int score(const Interface& interface, const std::vector<std::string>& args,
                          const AccessRequest& request) const;

 private:
  const PermissionMap& map_;
  MatcherOptions options_;
  /// class (or "$" for a parameter class) -> target (or "$") -> interfaces.
  std::unordered_map<std::string, std::unordered_map<std::string, std::vector<const Interface*>>> index_;
};

}  // namespace avcsift::refpolicy
