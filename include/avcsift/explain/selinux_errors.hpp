#pragma once
/// What the SELINUX_ERR records mean and what fixes them.
///
/// audit2allow reads AVC denials; the kernel also refuses things without one
/// and says so in a SELINUX_ERR record, which audit2allow ignores. The most
/// common is `op=security_bounded_transition`: a program started with
/// no_new_privs set (systemd's NoNewPrivileges=, container runtimes,
/// `setpriv --no-new-privs`) or from a nosuid mount may enter a new domain
/// only when the policy says so, with `process2 { nnp_transition
/// nosuid_transition }` (Linux 4.14 and later) or because the new type is
/// bounded by the old one (`typebounds`). Otherwise the kernel refuses: an
/// explicit setexeccon() exec fails with EPERM (NNP) or EACCES (nosuid), an
/// automatic type_transition quietly keeps the old domain, which then needs
/// `execute_no_trans` on the program and is denied that, so audit2allow
/// proposes the wrong rule and the daemon would run in its parent's domain.
/// The same record comes from a multithreaded process calling setcon(); only
/// `typebounds` helps there. Without the record, the failed execve looked
/// like a denial hidden by dontaudit and sent the user to `semodule -DB`.
///
/// The other forms are explained without a rule, as no allow rule fixes
/// them: a validatetrans constraint refused a relabel, typebounds took
/// permissions from a bounded type, a label or file creation context the
/// policy does not define, a network peer's level that makes an invalid
/// context. A compute_sid invalid context (the role may not hold the type)
/// is fixed by `role R types T;`, which `allow` already writes.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "avcsift/aggregate/bounded_sample.hpp"
#include "avcsift/explain/finding.hpp"
#include "avcsift/model/audit_event.hpp"

namespace avcsift::explain {

/// What set off a refused bounded transition, as far as the event tells.
/// Closed: switch on it exhaustively.
enum class TransitionTrigger {
  Exec,            ///< an exec (or no SYSCALL record): no_new_privs or a nosuid mount.
  ExecNoNewPrivs,  ///< an execve that failed with EPERM and no AVC: no_new_privs.
  ExecNosuid,      ///< an execve that failed with EACCES and no AVC: a nosuid mount.
  ThreadedSetcon,  ///< a write to /proc/self/attr/current by a multithreaded process.
};

/// The trigger of the bounded transition reported in `event`.
[[nodiscard]] TransitionTrigger transition_trigger(const AuditEvent& event);

/// The class and permissions that let a transition happen under NNP or nosuid.
inline constexpr const char* kTransitionClass = "process2";

/// True for the rule that allows NNP/nosuid transitions (class process2).
[[nodiscard]] bool is_nnp_transition_rule(const std::string& tclass);

/// The denial a refused exec transition stands for: OLD NEW:process2
/// { nnp_transition nosuid_transition }, with the event's command, so it
/// folds into the rules like an AVC; nullopt for a setcon or another kind.
[[nodiscard]] std::optional<Denial> transition_denial(const SelinuxError& error, const AuditEvent& event);

/// The explanation of one report, one line each (no indentation), for `why`.
[[nodiscard]] std::vector<std::string> explain_selinux_error(const SelinuxError& error, const AuditEvent& event);
/// The explanation of a compute_sid invalid context, for `why`.
[[nodiscard]] std::vector<std::string> explain_invalid_context(const InvalidContext& report);

/// Comment lines for an nnp/nosuid transition rule in a module: what it
/// fixes, and `typebounds` for a policy without class process2.
[[nodiscard]] std::vector<std::string> transition_rule_comments(const std::string& old_type,
                                                                const std::string& new_type);

/// The `typebounds` fix for a transition from `old_type` to `new_type`.
[[nodiscard]] Fix typebounds_fix(const std::string& old_type, const std::string& new_type, bool only_fix);

/// Counts the reports no rule comes from (all kinds but exec transitions)
/// per kind, types and class, for `report`.
class SelinuxErrorTally {
 public:
  /// Counts the event's reports that transition_denial() does not turn into rules.
  void add(const AuditEvent& event);
  /// Names the host of events without `node=` (see NodeFilter::local_host_name()).
  void set_local_host(std::string name) { local_host_ = std::move(name); }
  /// One SelinuxError finding per kind, types and class, with sentence,
  /// reason and fixes.
  [[nodiscard]] std::vector<Finding> findings() const;
  /// Reports counted.
  [[nodiscard]] std::uint64_t count() const { return count_; }

  /// Kind, old and new type, class and invalid context of a report.
  using Key = std::tuple<SelinuxErrorKind, std::string, std::string, std::string, std::string>;
  /// What is known about the reports of one key.
  struct Entry {
    /// The earliest report (by stamp, then host, then contexts and
    /// permissions: an order-free choice, so tallies merge exactly).
    SelinuxError first;
    std::string first_host;  ///< the host of `first`.
    std::uint64_t count = 0;
    AuditStamp first_seen;
    AuditStamp last_seen;
    BoundedSample<8> commands;
    BoundedSample<8> executables;
    NodeSet nodes;
  };
  /// The entries, sorted by key (what a JSON report keeps for `merge`).
  [[nodiscard]] const std::map<Key, Entry>& entries() const { return entries_; }
  /// Takes in one entry (a report read back).
  void merge(const Key& key, const Entry& entry);
  /// Takes in every entry of `other`.
  void merge(const SelinuxErrorTally& other) {
    for (const auto& [key, entry] : other.entries_) merge(key, entry);
  }

 private:
  std::map<Key, Entry> entries_;
  std::uint64_t count_ = 0;
  std::string local_host_;
};

}  // namespace avcsift::explain

namespace avcsift::explain {

/// The sentence of a SelinuxError finding (log text escaped).
[[nodiscard]] std::string describe_selinux_error(const Finding& finding);
/// The reason line of a SelinuxError finding.
[[nodiscard]] std::string selinux_error_reason(const Finding& finding);
/// The fixes of a SelinuxError finding: what to change instead of a rule.
[[nodiscard]] std::vector<Fix> selinux_error_fixes(const Finding& finding);
/// The sentence of an nnp/nosuid transition finding (class process2).
[[nodiscard]] std::string describe_transition(const Finding& finding);

}  // namespace avcsift::explain
