#pragma once
/// Why the policy denied an access: the audit2why question, answered.
#include <string>
#include <vector>

namespace avcsift {

/// The cause of a denial according to a policy. Closed: switch on it
/// exhaustively (no `default:`), so a new reason is a compile error everywhere
/// it must be handled.
enum class Reason {
  Unknown,        ///< no policy was available to ask.
  Allowed,        ///< the policy allows it now (changed policy or booleans, reload).
  DontAudit,      ///< a dontaudit rule covers it (so the log came from another policy or -DB).
  MissingTeRule,  ///< no allow rule: the case audit2allow is for.
  Boolean,        ///< a conditional allow rule exists; a boolean change would allow it.
  Constraint,     ///< TE allows it but a constraint or MLS constraint fails.
  Rbac,           ///< the role may not hold the type, or a role allow rule is missing.
  Bounds,         ///< a typebounds parent does not allow it.
  NotInPolicy,    ///< a type, class or permission of the log is not defined in the policy.
};

/// One boolean set to one value.
struct BooleanSetting {
  std::string name;
  bool value = false;
  friend bool operator==(const BooleanSetting&, const BooleanSetting&) = default;
  friend auto operator<=>(const BooleanSetting&, const BooleanSetting&) = default;
};

/// One failed comparison of levels in an MLS or MCS constraint, e.g.
/// `h1 dom h2` with h1 = `s0:c123,c456` and h2 = `s0:c12,c34`.
struct LevelMismatch {
  std::string left;         ///< operand as the constraint names it: l1, h1, l2 or h2.
  std::string op;           ///< dom, domby, eq, incomp or !=.
  std::string right;        ///< operand: l1, h1, l2 or h2.
  std::string left_level;   ///< the level it stands for (`s0:c123,c456`).
  std::string right_level;  ///< the level `right` stands for.
  friend bool operator==(const LevelMismatch&, const LevelMismatch&) = default;
  friend auto operator<=>(const LevelMismatch&, const LevelMismatch&) = default;
};

/// The policy's answer for one access, with the evidence a human needs.
struct Verdict {
  Reason reason = Reason::Unknown;
  /// For Reason::Boolean: each entry is one way to allow the access, a set of
  /// booleans to change together (usually a single one). Sorted.
  std::vector<std::vector<BooleanSetting>> boolean_fixes;
  /// For Reason::Constraint: each failing constraint as readable text.
  std::vector<std::string> constraints;
  /// For Reason::Constraint/Rbac: what differs (user, role, level, attribute).
  std::string cause;
  /// For Reason::NotInPolicy: the names the policy does not define.
  std::vector<std::string> undefined_names;
  /// Causes beyond the first (audit2why reports only the first).
  std::vector<Reason> other_reasons;
  /// The source domain is permissive in the policy: the access would not block.
  bool permissive_domain = false;
  /// For Reason::Constraint: the failed level comparisons (MLS/MCS), each once.
  std::vector<LevelMismatch> level_mismatches;

  friend bool operator==(const Verdict&, const Verdict&) = default;
  /// An arbitrary but fixed order, so merging reports can break ties between
  /// denials of the same time and host by value.
  friend auto operator<=>(const Verdict&, const Verdict&) = default;
};

/// Stable upper-case name of a reason, as `tools/why-reasons` prints it
/// (`TERULE`, `BOOLEAN`, ...).
[[nodiscard]] const char* reason_name(Reason reason);

}  // namespace avcsift
