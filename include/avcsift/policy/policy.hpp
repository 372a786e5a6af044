#pragma once
/// A binary SELinux policy read with libsepol, judging denied accesses the way
/// audit2why does, with more detail (all ways to fix a boolean denial, the
/// causes audit2why hides, names the policy does not know).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "avcsift/model/access_oracle.hpp"
#include "avcsift/model/verdict.hpp"

namespace avcsift::policy {

/// A kernel binary policy (`policy.33`) and the questions avcsift asks it.
///
/// One per process: libsepol's compute-av services read the policy and the
/// SID table through process-global pointers (`sepol_set_policydb`,
/// `sepol_set_sidtab`), so load() refuses a second Policy while one is alive.
/// Not copyable or movable (those globals point into it), not thread-safe.
///
/// libsepol's own messages never reach stdout: messages from reading the
/// file are kept in messages(), all others are switched off.
///
/// How judge() fills a Verdict:
/// - `reason` is what audit2why would report first: TE (Boolean, else
///   DontAudit, else MissingTeRule), then Constraint, Rbac, Bounds, else
///   Allowed. Causes that come after the first, and that audit2why hides, are
///   in `other_reasons` in that same order (e.g. a constraint that would fail
///   once the missing allow rule is added).
/// - `undefined_names` lists what the policy does not define, as
///   `type NAME`, `class NAME`, `permission NAME of class CLASS`,
///   `user NAME`, `role NAME`, `sensitivity NAME`, `category NAME`, or
///   `level "TEXT"` for a level that does not parse (`level ""` when an MLS
///   policy meets a context without a level); source names before target
///   names, each once. The names come from the log: escape them before
///   printing them into policy or comments. An unknown source or target
///   type, class or permission makes the reason NotInPolicy. An unknown user,
///   role or level alone does not: the TE part is judged as usual (the names
///   are still listed); only when the TE rules allow the access and the class
///   has constraints on users, roles or levels (depends_on_full_context) is
///   the verdict NotInPolicy, because the answer hangs on the unknown names.
/// - `boolean_fixes` (Boolean): every smallest set of boolean changes (up to
///   three booleans) that makes the TE rules allow all requested permissions,
///   found by reading the conditional rules; single booleans when any
///   suffices (audit2why's list). Where audit2why wants the whole decision to
///   pass after the change, we judge the TE part: a constraint that would
///   still fail shows up in other_reasons.
/// - `constraints` (Constraint, also when it is only in other_reasons): each
///   failing constraint on a requested permission as audit2why prints it,
///   e.g. `constrain file { read } ((u1 == u2 -Fail-) ); Constraint DENIED`.
/// - Beyond audit2why: typebounds count only when they cut a requested
///   permission (libsepol also flags unrequested ones). A context that could
///   not exist under this policy (audit2why cannot even compute it) is not
///   judge()'s business: context_problem() says what is wrong with it.
/// - `cause`: what differs, for the first reason that has one (Constraint:
///   `the source user (staff_u) and target user (user_u) are different`;
///   Rbac: `no role allow rule lets role staff_r change to role system_r`; Bounds: the
///   parent type and what it lacks).
/// - `permissive_domain`: the source type is permissive in this policy.
class Policy final : public AccessOracle {
 public:
  /// Reads the binary policy at `path`. Throws avcsift::Error with a one-line
  /// message naming the file when it is missing, unreadable or not a valid
  /// binary policy, or when another Policy is alive in this process.
  /// With `cache_directory`, reads the slim copy kept there for this file
  /// when it matches, else the file, and then keeps its slim copy there
  /// (policy_cache.hpp); the verdicts are the same either way.
  [[nodiscard]] static std::unique_ptr<Policy> load(
      const std::string& path,
      const std::optional<std::filesystem::path>& cache_directory = std::nullopt);

  ~Policy() override;
  Policy(const Policy&) = delete;
  Policy& operator=(const Policy&) = delete;
  Policy(Policy&&) = delete;
  Policy& operator=(Policy&&) = delete;

  /// The verdict for one access (see the class comment); never throws for
  /// names the policy does not know.
  [[nodiscard]] Verdict judge(const AccessQuery& query) override;
  /// True when the class has constraints or MLS constraints that look at
  /// users, roles or levels, has validatetrans rules, or is `process` (role
  /// changes need a role allow rule). Constraints on types alone do not count:
  /// a cache keys by types anyway.
  [[nodiscard]] bool depends_on_full_context(std::string_view tclass) const override;
  /// Empty when `context` is valid here (what libsepol's context-to-SID
  /// check accepts); else why not: undefined user, role or level, a role not
  /// authorized for the type, a user not authorized for the role, or a level
  /// outside the user's range. The type itself is judge()'s business.
  [[nodiscard]] std::string context_problem(const SecurityContext& context) override;
  /// `PATH (policy version 33, MLS)`.
  [[nodiscard]] std::string description() const override;

  /// True when `name` is a type or type alias (not an attribute).
  [[nodiscard]] bool has_type(std::string_view name) const;
  /// True when `name` is a role the policy declares.
  [[nodiscard]] bool has_role(std::string_view name) const;
  /// True when `type` is a permissive type (`permissive type;`).
  [[nodiscard]] bool is_permissive(std::string_view type) const;
  /// True when `type` has `attribute` (false when either is unknown).
  [[nodiscard]] bool type_has_attribute(std::string_view type, std::string_view attribute) const;
  /// The types that have `attribute`, sorted; empty when it is not an attribute.
  [[nodiscard]] std::vector<std::string> types_with_attribute(std::string_view attribute) const;
  /// The types with `attribute` on which `source` may use `perm` of `tclass`
  /// under the current boolean values (TE rules only), sorted; e.g. the port
  /// types (`port_type`) httpd_t may `name_bind` in `tcp_socket`.
  [[nodiscard]] std::vector<std::string> allowed_target_types(std::string_view source,
                                                              std::string_view tclass,
                                                              std::string_view perm,
                                                              std::string_view attribute) const;
  /// The types of ports no service owns: those of portcon ranges of 256 ports
  /// or more and of the initial SID `port`, sorted (src/policy/port_types.cpp).
  [[nodiscard]] std::vector<std::string> generic_port_types() const;
  /// What libsepol said while reading the policy, one message a line (for
  /// debugging; normally empty).
  [[nodiscard]] const std::string& messages() const;

 /// The libsepol objects; defined in src/policy/policy_state.hpp.
  struct State;

 private:
  explicit Policy(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace avcsift::policy
