#pragma once
/// The warnings a report attaches to a denial: what each one is called, how
/// bad it is, and the one-line reason a reviewer reads.
///
/// A flag is not a verdict. The policy says why an access was denied; a flag
/// says that allowing it deserves a second look, because the rule audit2allow
/// would print widens the application's reach into the rest of the system
/// (writing etc_t, loading kernel modules, reading ssh keys) or because the
/// denial is evidence of a setup mistake rather than a missing rule.
#include <optional>
#include <string>
#include <string_view>

namespace avcsift::explain {

/// How urgently a flag asks for review. Ordered: High is the worst.
enum class Severity { Low, Medium, High };

/// Every check of explain/suspicious_access. Closed: switch on it exhaustively
/// (no `default:`), so a new flag is a compile error wherever it must be named.
enum class FlagId {
  OutsideAppRoot,      ///< an application domain touches a path outside --app-root.
  SystemTypeChange,    ///< write/create/unlink/setattr/relabel/execute on a type the app does not own.
  DangerousCapability, ///< dac_override, sys_admin, sys_module, setuid, ...
  DangerousProcess,    ///< execmem, execstack, execheap, execmod, ptrace, setcurrent, dyntransition.
  MmapZero,            ///< memprotect mmap_zero: mapping page zero.
  SecurityClass,       ///< load_policy, setenforce, setbool: changing SELinux itself.
  UserSecrets,         ///< user_home_t, ssh_home_t, shadow_t and similar.
  UnconfinedSource,    ///< a rule for an unconfined domain.
  PermissiveMode,      ///< collected while the domain or the system was permissive.
  ConstraintDenial,    ///< a constraint denies it: an allow rule cannot fix it (alone).
  SeparationOff,       ///< advice that switches SELinux separation off (spc_t, label=disable).
};

/// One flag on one finding.
struct Flag {
  FlagId id = FlagId::OutsideAppRoot;
  Severity severity = Severity::Low;
  std::string message;  ///< one line; log text in it is already escaped.
  friend bool operator==(const Flag&, const Flag&) = default;
};

/// Stable snake_case name of a flag, as JSON and `--fail-on` users see it
/// (`outside_app_root`, `system_type_change`, ...).
[[nodiscard]] const char* flag_name(FlagId id);
/// `high`, `medium` or `low`.
[[nodiscard]] const char* severity_name(Severity severity);
/// The severity named `text` (`high`, `medium`, `low`), or nullopt.
[[nodiscard]] std::optional<Severity> parse_severity(std::string_view text);

}  // namespace avcsift::explain
