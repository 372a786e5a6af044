#include "avcsift/explain/selinux_errors.hpp"

#include "avcsift/model/identifier.hpp"

namespace avcsift::explain {
namespace {

/// System call numbers differ per architecture; the few that matter here,
/// for the architectures audit logs mostly come from.
struct ArchCalls {
  const char* raw;          ///< `arch=` as the kernel logs it.
  const char* interpreted;  ///< as `ausearch -i` prints it.
  const char* execs[2];     ///< execve, execveat.
  const char* writes[2];    ///< write, writev.
};
constexpr ArchCalls kArchCalls[] = {
    {"c000003e", "x86_64", {"59", "322"}, {"1", "20"}},
    {"40000003", "i386", {"11", "358"}, {"4", "146"}},
    {"c00000b7", "aarch64", {"221", "281"}, {"64", "66"}},
};

/// Whether the call is one of `names` (`ausearch -i`), or of the numbers
/// `pick` selects for its architecture.
template <typename Pick>
bool is_call(const SyscallInfo& call, const char* const (&names)[2], Pick pick) {
  if (call.syscall == names[0] || call.syscall == names[1]) return true;
  for (const ArchCalls& arch : kArchCalls) {
    if (call.arch != arch.raw && call.arch != arch.interpreted) continue;
    const auto& numbers = pick(arch);
    return call.syscall == numbers[0] || call.syscall == numbers[1];
  }
  return false;
}

constexpr const char* kExecNames[2] = {"execve", "execveat"};
constexpr const char* kWriteNames[2] = {"write", "writev"};

bool is_exec(const SyscallInfo& call) {
  return is_call(call, kExecNames, [](const ArchCalls& a) -> const auto& { return a.execs; });
}

/// write/writev: how setcon() reaches /proc/self/attr/current.
bool is_write(const SyscallInfo& call) {
  return is_call(call, kWriteNames, [](const ArchCalls& a) -> const auto& { return a.writes; });
}

bool is_eperm(const std::string& exit) { return exit == "-1" || exit.starts_with("EPERM"); }
bool is_eacces(const std::string& exit) { return exit == "-13" || exit.starts_with("EACCES"); }

/// The executable or command of the event, escaped, for sentences.
std::string subject_of(const AuditEvent& event) {
  if (!event.syscall) return "a process";
  if (!event.syscall->exe.empty()) return escape_for_comment(event.syscall->exe);
  if (!event.syscall->comm.empty()) return escape_for_comment(event.syscall->comm);
  return "a process";
}

std::string rule_text(const std::string& old_type, const std::string& new_type) {
  return "allow " + old_type + ' ' + new_type + ":process2 { nnp_transition nosuid_transition };";
}

/// The program the exec ran: the first absolute PATH name.
std::string program_of(const AuditEvent& event) {
  for (const auto& path : event.paths) {
    if (path.starts_with('/')) return path;
  }
  return {};
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

}  // namespace

TransitionTrigger transition_trigger(const AuditEvent& event) {
  if (!event.syscall) return TransitionTrigger::Exec;
  const SyscallInfo& call = *event.syscall;
  if (is_write(call)) return TransitionTrigger::ThreadedSetcon;
  // An exec that fails with no AVC failed on the transition itself (a
  // setexeccon() exec): the kernel answers EPERM for NNP, EACCES for nosuid.
  if (is_exec(call) && event.denials.empty() && call.success == false) {
    if (is_eperm(call.exit)) return TransitionTrigger::ExecNoNewPrivs;
    if (is_eacces(call.exit)) return TransitionTrigger::ExecNosuid;
  }
  return TransitionTrigger::Exec;
}

bool is_nnp_transition_rule(const std::string& tclass) { return tclass == kTransitionClass; }

std::optional<Denial> transition_denial(const SelinuxError& error, const AuditEvent& event) {
  if (error.kind != SelinuxErrorKind::BoundedTransition) return std::nullopt;
  if (transition_trigger(event) == TransitionTrigger::ThreadedSetcon) return std::nullopt;
  Denial denial;
  denial.permissions = {"nnp_transition", "nosuid_transition"};
  denial.source = error.old_context;
  denial.target = error.new_context;
  denial.tclass = kTransitionClass;
  if (event.syscall) {
    denial.comm = event.syscall->comm;
    denial.exe = event.syscall->exe;
  }
  denial.path = program_of(event);
  denial.stamp = event.stamp;
  denial.node = event.node;
  denial.record = error.record;
  denial.where = error.where;
  return denial;
}

std::vector<std::string> transition_rule_comments(const std::string& old_type, const std::string& new_type) {
  return {"SELINUX_ERR security_bounded_transition: " + old_type + " may not enter " + new_type +
              " when no_new_privs is set or the program is on a nosuid mount.",
          "A policy without class process2 (before Linux 4.14) needs instead: typebounds " + old_type + ' ' +
              new_type + ';'};
}

Fix typebounds_fix(const std::string& old_type, const std::string& new_type, bool only_fix) {
  const std::string text = "typebounds " + old_type + ' ' + new_type + ';';
  return {FixKind::Typebounds, text,
          std::string(only_fix ? "the only fix for a setcon() by a multithreaded process"
                               : "for a policy without class process2 (before Linux 4.14)") +
              ": make " + new_type + " bounded by " + old_type + " (in the module that declares " + new_type +
              "; " + new_type + " may then hold no permission " + old_type + " lacks)"};
}

std::vector<std::string> explain_selinux_error(const SelinuxError& error, const AuditEvent& event) {
  const std::string& old_type = error.old_context.type;
  const std::string& new_type = error.new_context.type;
  std::vector<std::string> lines;
  switch (error.kind) {
    case SelinuxErrorKind::BoundedTransition: {
      const TransitionTrigger trigger = transition_trigger(event);
      std::string why;
      switch (trigger) {
        case TransitionTrigger::Exec:
          why = "no_new_privs was set (systemd NoNewPrivileges=, a container runtime) or the program is on a "
                "nosuid mount";
          break;
        case TransitionTrigger::ExecNoNewPrivs:
          why = "the exec failed with EPERM: no_new_privs was set (systemd NoNewPrivileges=, a container "
                "runtime, setpriv --no-new-privs)";
          break;
        case TransitionTrigger::ExecNosuid:
          why = "the exec failed with EACCES: the program is on a nosuid mount";
          break;
        case TransitionTrigger::ThreadedSetcon:
          lines.push_back("A multithreaded process of " + subject_of(event) + " in " + old_type +
                          " asked to switch to " + new_type +
                          " (setcon, a write to /proc/self/attr/current); the kernel allows that only into a "
                          "type bounded by the old one, and " + new_type + " is not bounded by " + old_type + '.');
          lines.push_back("process2 permissions do not apply here. Switch before starting threads, or bound it:");
          lines.push_back("typebounds " + old_type + ' ' + new_type + ';');
          return lines;
      }
      lines.push_back("The kernel refused " + subject_of(event) + " the transition from " + old_type + " into " +
                      new_type + ": " + why + ", and " + new_type + " is not bounded by " + old_type + '.');
      if (!event.denials.empty()) {
        lines.push_back("The kernel then kept " + old_type +
                        "; the denials of this event follow from that: allow the transition instead.");
      }
      lines.push_back("Allow the transition (class process2, Linux 4.14 and later):");
      lines.push_back(rule_text(old_type, new_type));
      lines.push_back("A policy without class process2 needs instead: typebounds " + old_type + ' ' + new_type +
                      ';');
      return lines;
    }
    case SelinuxErrorKind::ValidateTransition:
      lines.push_back("A validatetrans rule of class " + (error.tclass.empty() ? "?" : error.tclass) +
                      " refused " + (error.task_context.type.empty() ? "a process" : error.task_context.type) +
                      " relabeling " + error.old_context.str() + " to " + error.new_context.str() + '.');
      lines.push_back("No allow rule changes this: keep the relabel within what the rule permits (in MLS "
                      "policies usually the level), or change the rule; list them with: seinfo --validatetrans " +
                      (error.tclass.empty() ? std::string() : error.tclass) + " -x");
      return lines;
    case SelinuxErrorKind::BoundsMasked:
      lines.push_back(old_type + " is bounded by a parent type (typebounds) that may not " +
                      joined(error.permissions, " ") + " on " + new_type + ':' + error.tclass +
                      ", so the kernel took that away from " + old_type + '.');
      lines.push_back("Grant the parent the same access, or drop it from " + old_type +
                      "; find the parent with: seinfo --typebounds -x");
      return lines;
    case SelinuxErrorKind::MlsCopyInvalid:
      lines.push_back("A network peer's level made the context " + escape_for_comment(error.invalid_context) +
                      ", which the policy rejects (the user may not hold that level, or it is outside the policy).");
      lines.push_back("Check the peer labeling (NetLabel, labeled IPsec) and the SELinux user's range "
                      "(semanage user -l).");
      return lines;
    case SelinuxErrorKind::SetxattrInvalid:
      lines.push_back(subject_of(event) + " tried to label a file " + escape_for_comment(error.invalid_context) +
                      ", which the loaded policy does not know (often labels copied from another system).");
      lines.push_back("Install the module that declares its type, or restore the label the policy gives "
                      "(restorecon).");
      return lines;
    case SelinuxErrorKind::FscreateInvalid:
      lines.push_back(subject_of(event) + " asked to create files as " + escape_for_comment(error.invalid_context) +
                      " (setfscreatecon), which the loaded policy does not know.");
      lines.push_back("Install the module that declares its type, or fix the program's configuration.");
      return lines;
  }
  return lines;
}

std::vector<std::string> explain_invalid_context(const InvalidContext& report) {
  const SecurityContext& c = report.context;
  return {"A transition from " + (report.source.type.empty() ? std::string("?") : report.source.type) +
              " through " + (report.target.type.empty() ? std::string("?") : report.target.type) +
              " computed the context " + c.str() + ", which the policy rejects: role " + c.role +
              " may not hold type " + c.type + " (or the user may not hold the role or level).",
          "Authorize the role for the type: role " + c.role + " types " + c.type + ';'};
}

}  // namespace avcsift::explain
