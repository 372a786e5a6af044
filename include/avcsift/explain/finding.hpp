#pragma once
/// One entry of `avcsift report`: a distinct denied access (source type,
/// target type, class) with what the policy says about it, what looks
/// dangerous about allowing it, and what to do instead of or before
/// allowing it.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "avcsift/aggregate/node_set.hpp"
#include "avcsift/explain/flag.hpp"
#include "avcsift/model/audit_stamp.hpp"
#include "avcsift/model/selinux_error.hpp"
#include "avcsift/model/verdict.hpp"

namespace avcsift::explain {

/// What a finding is about.
enum class FindingKind {
  Denial,         ///< AVC/USER_AVC denials of one source, target and class.
  HiddenFailure,  ///< system calls that failed with EACCES/EPERM without any AVC.
  SelinuxError,   ///< SELINUX_ERR reports no allow rule fixes (explain/selinux_errors).
};

/// The kinds of fix the advisor proposes, in the order it prefers them.
/// Closed: switch on it exhaustively (no `default:`).
enum class FixKind {
  Restorecon,        ///< the file is mislabeled: `restorecon -v PATH`.
  FcontextAdd,       ///< no file_contexts entry covers it: `semanage fcontext -a ...`.
  VolumeRelabel,     ///< MCS: the container engine relabels the volume (`:Z`, `:z`).
  LevelLabel,        ///< MCS: `chcon -l` / `semanage fcontext -r` with the process's level.
  ContainerLevel,    ///< MCS: `--security-opt label=level:` for containers that share.
  ProcessLevel,      ///< MLS: run the process at the data's level (`runcon -l`).
  Boolean,           ///< `setsebool -P NAME VALUE`.
  PortLabel,         ///< `semanage port -a -t TYPE -p tcp PORT`.
  DomainTransition,  ///< a domain transition is missing; do not widen the caller.
  Relabel,           ///< setfiles/restorecon may not relabel the app's types: files_type().
  HiddenDenials,     ///< `semodule -DB`, reproduce, `semodule -B`.
  PolicyReview,      ///< no rule fixes it: what to look at or change instead (SELINUX_ERR).
  Unconfine,         ///< what not to do: label=disable, --privileged, spc_t (flagged high).
  AllowRule,         ///< the allow rule itself, last of the rule fixes.
  Typebounds,        ///< `typebounds OLD NEW;`: NNP/nosuid/setcon without class process2.
};

/// One proposed fix.
struct Fix {
  FixKind kind = FixKind::AllowRule;
  std::string command;      ///< exact command(s) or policy text, one per line.
  std::string explanation;  ///< one line: why this fix.
  friend bool operator==(const Fix&, const Fix&) = default;
};

/// Everything a report says about one finding.
struct Finding {
  FindingKind kind = FindingKind::Denial;
  std::string source_type;
  std::string target_type;
  std::string source_role;            ///< role of the first denial's scontext.
  std::string tclass;
  std::set<std::string> permissions;
  std::uint64_t count = 0;
  std::uint64_t permissive_count = 0; ///< of them, logged with permissive=1.
  AuditStamp first_seen;
  AuditStamp last_seen;
  std::vector<std::string> paths;        ///< examples, sorted; log text (unescaped).
  std::vector<std::string> commands;     ///< examples of comm.
  std::vector<std::string> executables;  ///< examples of exe.
  NodeSet nodes;                         ///< the hosts that logged it.
  std::optional<std::uint32_t> port;     ///< of the first network denial.
  std::string syscall_exit;              ///< HiddenFailure: `exit=` of the SYSCALL.
  SelinuxErrorKind error_kind = SelinuxErrorKind::BoundedTransition;  ///< SelinuxError: which report.
  std::string invalid_context;           ///< SelinuxError: the invalid context (log text), or for a
                                         ///< validate_transition `OLD to NEW`.
  Verdict verdict;
  std::string reason;       ///< the verdict in one line.
  std::string sentence;     ///< a plain sentence saying what happened.
  std::vector<Flag> flags;  ///< worst first.
  std::vector<Fix> fixes;   ///< preferred first; AllowRule last.

  /// The worst flag severity, or nullopt without flags.
  [[nodiscard]] std::optional<Severity> severity() const;
};

/// `#!!!! WARNING: ...` comment lines for a rule's flags (what `allow
/// --app-root` puts above it), worst first, without the leading `#` so they
/// fit TeEmitter::add(); one per flag: `!!!! WARNING (high): message`.
[[nodiscard]] std::vector<std::string> flag_comments(const Finding& finding);

/// The verdict in one line (`missing allow rule`, `boolean ploneZEO is off`...).
[[nodiscard]] std::string reason_summary(const Verdict& verdict);

/// Sorts findings: worst severity first, then by count (higher first), then
/// by source, target and class, so output is byte-stable.
void sort_findings(std::vector<Finding>& findings);

}  // namespace avcsift::explain
