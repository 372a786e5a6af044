#include "avcsift/explain/suspicious_access.hpp"

#include <algorithm>

#include "avcsift/explain/type_catalogue.hpp"
#include "avcsift/model/identifier.hpp"

namespace avcsift::explain {
namespace {

/// `a, b, c` of the elements of `items` that `keep` accepts.
template <typename Keep>
std::string joined(const std::set<std::string>& items, Keep keep) {
  std::string out;
  for (const auto& item : items) {
    if (!keep(item)) continue;
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

bool only_execute(const std::set<std::string>& changing) {
  return std::all_of(changing.begin(), changing.end(), [](const std::string& p) {
    return p == "execute" || p == "execute_no_trans" || p == "entrypoint";
  });
}

void check_outside_root(const Finding& finding, const FlagContext& context, std::vector<Flag>& flags) {
  if (context.scope == nullptr || !context.scope->has_roots()) return;
  if (!context.app_domains.contains(finding.source_type) || !is_file_class(finding.tclass)) return;
  std::string outside;
  for (const auto& path : finding.paths) {
    if (path.empty() || path.front() != '/' || context.scope->contains_path(path)) continue;
    if (!outside.empty()) outside += ", ";
    outside += escape_for_comment(path);
  }
  if (outside.empty()) return;
  std::set<std::string> changing;
  for (const auto& p : finding.permissions) {
    if (is_changing_permission(p)) changing.insert(p);
  }
  const bool changes = !changing.empty() && !only_execute(changing);
  const bool runs = !changing.empty() && only_execute(changing);
  flags.push_back({FlagId::OutsideAppRoot, changes || runs ? Severity::Medium : Severity::Low,
                   "application domain " + finding.source_type +
                       (changes ? " changes " : runs ? " executes " : " reads ") +
                       "files outside the application's directories: " + outside});
}

void check_system_change(const Finding& finding, const FlagContext& context, std::vector<Flag>& flags) {
  if (!is_file_class(finding.tclass) || finding.target_type == finding.source_type) return;
  const bool listed = is_system_type(finding.target_type);
  const bool scoped = context.scope != nullptr && context.scope->has_types();
  const bool foreign = scoped && !context.scope->owns_type(finding.target_type);
  if (!listed && !foreign) return;
  if (scoped && context.scope->owns_type(finding.target_type)) return;
  std::set<std::string> changing;
  for (const auto& p : finding.permissions) {
    if (is_changing_permission(p)) changing.insert(p);
  }
  if (changing.empty()) return;
  const bool execute = only_execute(changing);
  Severity severity = listed ? Severity::High : Severity::Medium;
  if (execute) severity = listed ? Severity::Medium : Severity::Low;
  const std::string what = listed ? "a system type" : "a type the application does not own";
  flags.push_back({FlagId::SystemTypeChange, severity,
                   joined(changing, [](const std::string&) { return true; }) + " on " + finding.target_type +
                       ", " + what + (execute ? ": check that running this code is intended"
                                              : ": an allow rule would let it change every such file")});
}

void check_permissions(const Finding& finding, std::vector<Flag>& flags) {
  const auto& perms = finding.permissions;
  const std::string& tclass = finding.tclass;
  if (tclass == "capability" || tclass == "capability2" || tclass == "cap_userns" || tclass == "cap2_userns") {
    const std::string caps = joined(perms, [](const std::string& p) { return is_dangerous_capability(p); });
    if (!caps.empty()) {
      const bool severe = std::any_of(perms.begin(), perms.end(), [](const std::string& p) {
        return p == "sys_admin" || p == "sys_module" || p == "sys_rawio" || p == "sys_ptrace" ||
               p == "mac_admin" || p == "mac_override";
      });
      flags.push_back({FlagId::DangerousCapability, severe ? Severity::High : Severity::Medium,
                       "capability " + caps + " lets " + finding.source_type +
                           " bypass Unix permission checks or reach into the kernel"});
    }
  }
  if (tclass == "process" || tclass == "process2") {
    const std::string bad = joined(perms, [](const std::string& p) { return is_dangerous_process_permission(p); });
    if (!bad.empty()) {
      const bool severe = perms.contains("ptrace") || perms.contains("execheap");
      flags.push_back({FlagId::DangerousProcess, severe ? Severity::High : Severity::Medium,
                       "process " + bad + " weakens memory protection or lets " + finding.source_type +
                           " change or inspect a process context"});
    }
  }
  if (tclass == "memprotect" && perms.contains("mmap_zero")) {
    flags.push_back({FlagId::MmapZero, Severity::High,
                     "mmap_zero maps the first page of memory, which turns kernel NULL-pointer bugs into exploits"});
  }
  if (tclass == "security") {
    const std::string bad = joined(perms, [](const std::string& p) { return is_security_change(p); });
    if (!bad.empty()) {
      flags.push_back({FlagId::SecurityClass, Severity::High,
                       "security " + bad + " changes SELinux itself; no application needs it"});
    }
  }
}

/// Three different situations log permissive=1, and each has its own cure:
/// the policy makes the domain permissive (a `permissive` statement or
/// `semanage permissive -a`), the whole machine ran permissive (every denial
/// of the log is permissive), or the domain was permissive on the machine
/// that logged it but not in the policy at hand.
void check_permissive(const Finding& finding, const FlagContext& context, std::vector<Flag>& flags) {
  const std::string& domain = finding.source_type;
  const bool in_policy = finding.verdict.permissive_domain ||
                         (context.facts != nullptr && context.facts->is_permissive(domain));
  if (in_policy) {
    flags.push_back({FlagId::PermissiveMode, Severity::Medium,
                     domain + " is a permissive domain in the policy: its denials do not block; before "
                              "shipping remove the `permissive " + domain + ";` statement from the module, or "
                              "run `semanage permissive -d " + domain + "` if it was added locally"});
    return;
  }
  if (finding.permissive_count == 0) return;
  const std::string counted = std::to_string(finding.permissive_count) + " of " + std::to_string(finding.count) +
                              " denials were logged with permissive=1";
  if (context.all_permissive) {
    flags.push_back({FlagId::PermissiveMode, Severity::Medium,
                     counted + " and so was every denial of the log, while the policy does not make " + domain +
                         " permissive: the machine ran in permissive mode. Run `setenforce 1` and set "
                         "SELINUX=enforcing in /etc/selinux/config; a permissive machine logs each denial once "
                         "and hides the ones that would follow it, so reproduce in enforcing mode before "
                         "trusting this list"});
    return;
  }
  flags.push_back({FlagId::PermissiveMode, Severity::Medium,
                   counted + " while other domains were enforcing, but " +
                       (context.facts != nullptr ? "the policy in use does not make " + domain + " permissive"
                                                 : "no policy says whether " + domain + " is permissive") +
                       ": it was made permissive on that machine (`semanage permissive -l`); undo it with "
                       "`semanage permissive -d " + domain + "` before shipping"});
}

/// An allow rule cannot fix a constraint denial; audit2allow still prints one.
void check_constraint(const Finding& finding, std::vector<Flag>& flags) {
  const Verdict& verdict = finding.verdict;
  const bool later = std::find(verdict.other_reasons.begin(), verdict.other_reasons.end(), Reason::Constraint) !=
                     verdict.other_reasons.end();
  if (verdict.reason == Reason::Constraint) {
    flags.push_back({FlagId::ConstraintDenial, Severity::Medium,
                     std::string("a ") + (verdict.level_mismatches.empty() ? "" : "level (MLS/MCS) ") +
                         "constraint denies this, not a missing rule: an allow rule cannot fix it"});
  } else if (later && verdict.reason != Reason::Allowed) {
    flags.push_back({FlagId::ConstraintDenial, Severity::Medium,
                     "a constraint denies this too: the allow rule alone will not make it work"});
  }
}

}  // namespace

void flag_fixes(Finding& finding) {
  const bool unconfine = std::any_of(finding.fixes.begin(), finding.fixes.end(),
                                     [](const Fix& fix) { return fix.kind == FixKind::Unconfine; });
  if (!unconfine) return;
  finding.flags.push_back({FlagId::SeparationOff, Severity::High,
                           "the usual advice for this denial (--privileged, --security-opt label=disable, spc_t, "
                           "unconfined_t) switches SELinux separation off for the whole container; relabel "
                           "instead"});
  std::stable_sort(finding.flags.begin(), finding.flags.end(),
                   [](const Flag& a, const Flag& b) { return a.severity > b.severity; });
}

std::vector<Flag> flag_finding(const Finding& finding, const FlagContext& context) {
  std::vector<Flag> flags;
  if (finding.kind != FindingKind::Denial) return flags;
  check_outside_root(finding, context, flags);
  check_system_change(finding, context, flags);
  check_permissions(finding, flags);
  if (is_secret_type(finding.target_type)) {
    flags.push_back({FlagId::UserSecrets, Severity::High,
                     finding.target_type + " holds user or system secrets (home files, keys, passwords)"});
  }
  if (is_unconfined_domain(finding.source_type)) {
    flags.push_back({FlagId::UnconfinedSource, Severity::Medium,
                     finding.source_type + " is an unconfined or login domain: a rule for it widens what every "
                                           "user can do; look for a missing domain transition"});
  }
  check_permissive(finding, context, flags);
  check_constraint(finding, flags);
  std::stable_sort(flags.begin(), flags.end(),
                   [](const Flag& a, const Flag& b) { return a.severity > b.severity; });
  return flags;
}

}  // namespace avcsift::explain
