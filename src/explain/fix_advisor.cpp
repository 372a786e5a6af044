#include "avcsift/explain/fix_advisor.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "avcsift/explain/level_advice.hpp"
#include "avcsift/explain/selinux_errors.hpp"
#include "avcsift/explain/type_catalogue.hpp"
#include "avcsift/model/identifier.hpp"

namespace avcsift::explain {
namespace {

/// Paths go into shell commands only when they need no quoting beyond
/// single quotes: printable ASCII without quotes or backslashes.
bool shell_safe(const std::string& path) {
  return !path.empty() && path.front() == '/' && std::all_of(path.begin(), path.end(), [](char c) {
    return c > ' ' && c < 0x7f && c != '\'' && c != '\\' && c != '"' && c != '`' && c != '$';
  });
}

/// The path as a shell word: bare when plain, single-quoted otherwise.
std::string shell_word(const std::string& path) {
  const bool plain = std::all_of(path.begin(), path.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '.' || c == '_' || c == '-' || c == '+';
  });
  return plain ? path : "'" + path + "'";
}

/// Directories of the operating system itself. A recursive fcontext rule
/// on one of them (after a denial on an unlabeled `/usr/lib`, say) would
/// relabel every file every service there uses: such a path gets no
/// fcontext fix, only `restorecon`.
bool is_system_directory(const std::string& path) {
  static constexpr std::array<std::string_view, 27> kSystemDirectories = {
      "/",        "/bin",     "/boot",     "/dev",      "/etc",    "/home",     "/lib",
      "/lib32",   "/lib64",   "/media",    "/mnt",      "/opt",    "/proc",     "/root",
      "/run",     "/sbin",    "/srv",      "/sys",      "/tmp",    "/usr",      "/usr/bin",
      "/usr/lib", "/usr/local", "/usr/sbin", "/usr/share", "/var",  "/var/lib",
  };
  static constexpr std::array<std::string_view, 5> kMore = {"/var/log", "/var/run", "/var/spool", "/var/tmp",
                                                           "/var/cache"};
  return std::find(kSystemDirectories.begin(), kSystemDirectories.end(), path) != kSystemDirectories.end() ||
         std::find(kMore.begin(), kMore.end(), path) != kMore.end();
}

std::string without_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string perm_list(const std::set<std::string>& permissions) {
  if (permissions.size() == 1) return *permissions.begin();
  std::string out = "{";
  for (const auto& p : permissions) out += ' ' + p;
  return out + " }";
}

bool writes(const std::set<std::string>& permissions) {
  return std::any_of(permissions.begin(), permissions.end(), [](const std::string& p) {
    return is_changing_permission(p) || p == "add_name" || p == "remove_name";
  });
}

bool is_app_type(const std::string& type, const Finding& finding, const AdviceContext& context) {
  if (context.scope != nullptr && context.scope->has_types()) return context.scope->owns_type(type);
  if (is_system_type(type) || is_secret_type(type) || is_generic_file_label(type)) return false;
  if (context.scope != nullptr && context.scope->has_roots()) {
    return std::any_of(finding.paths.begin(), finding.paths.end(),
                       [&](const std::string& p) { return context.scope->contains_path(p); });
  }
  // Without a scope, any type that is not a known system type may be the app's.
  return true;
}

/// The type a mislabeled application file should get: one the domain already
/// uses below the app roots (a writable one for writes), else a guess named
/// after the domain.
std::string app_file_type(const Finding& finding, const AdviceContext& context) {
  const auto known = context.app_file_types.find(finding.source_type);
  if (known != context.app_file_types.end() && !known->second.empty()) {
    const auto& types = known->second;
    if (writes(finding.permissions)) {
      for (const auto& type : types) {
        if (type.find("_rw_") != std::string::npos || type.find("_var_") != std::string::npos ||
            type.find("_data_") != std::string::npos) {
          return type;
        }
      }
    }
    for (const auto& type : types) {
      if (!type.ends_with("_exec_t")) return type;
    }
  }
  std::string base = finding.source_type;
  if (base.ends_with("_t")) base.resize(base.size() - 2);
  return base + (writes(finding.permissions) ? "_rw_t" : "_file_t");
}

void add_unique(std::vector<Fix>& fixes, Fix fix) {
  if (std::find(fixes.begin(), fixes.end(), fix) == fixes.end()) fixes.push_back(std::move(fix));
}

void label_fixes(const Finding& finding, const AdviceContext& context, std::vector<Fix>& fixes) {
  if (!is_file_class(finding.tclass)) return;
  const bool in_app = context.scope != nullptr && context.scope->has_roots() &&
                      context.app_domains.contains(finding.source_type);
  std::size_t used = 0;
  std::vector<std::string> labelled;  // directories an fcontext fix already covers
  for (const auto& raw : finding.paths) {
    const std::string path = without_trailing_slash(raw);
    if (!shell_safe(path) || used == 3) continue;
    if (std::any_of(labelled.begin(), labelled.end(),
                    [&](const std::string& dir) { return path.starts_with(dir + '/'); })) {
      continue;
    }
    const auto expected =
        context.file_labels != nullptr ? context.file_labels->expected_type(path) : std::nullopt;
    if (expected && *expected != finding.target_type && !is_generic_file_label(*expected)) {
      ++used;
      add_unique(fixes, {FixKind::Restorecon, "restorecon -v " + shell_word(path),
                         "file_contexts label " + path + " " + *expected + ", the log shows " +
                             finding.target_type + ": the file is mislabeled, relabel it (a label set by hand with chcon "
                             "is lost; keep a wanted one with semanage fcontext instead)"});
      continue;
    }
    const bool generic = is_generic_file_label(finding.target_type);
    const bool foreign_in_app = in_app && context.scope->contains_path(path) &&
                                !is_app_type(finding.target_type, finding, context) &&
                                writes(finding.permissions);
    if (!generic && !foreign_in_app) continue;
    if (is_system_directory(path)) {
      // What the policy says it should be, not a new type for the app.
      ++used;
      add_unique(fixes, {FixKind::Restorecon, "restorecon -v " + shell_word(path),
                         path + " is a system directory labelled " + finding.target_type +
                             ": restore the policy's label; never give it an application type, which every "
                             "other service there would lose"});
      continue;
    }
    ++used;
    const bool directory = finding.tclass == "dir";
    if (directory) labelled.push_back(path);
    const std::string type = app_file_type(finding, context);
    add_unique(fixes, {FixKind::FcontextAdd,
                       "semanage fcontext -a -t " + type + " '" + fcontext_regex(path, directory) + "'\n" +
                           "restorecon -Rv " + shell_word(path),
                       "no file_contexts entry gives " + path + " an application type (it is " +
                           finding.target_type + "); label it rather than allow " + finding.source_type +
                           " every " + finding.target_type + " file"});
  }
}

void boolean_fixes(const Finding& finding, const BooleanDescriptions* descriptions, std::vector<Fix>& fixes) {
  if (finding.verdict.reason != Reason::Boolean) return;
  for (const auto& settings : finding.verdict.boolean_fixes) {
    std::string command = "setsebool -P";
    std::string names;
    for (const auto& setting : settings) {
      command += ' ' + setting.name + (setting.value ? " 1" : " 0");
      names += (names.empty() ? "" : " and ") + setting.name;
    }
    // A boolean is machine-wide: it also switches every other rule it
    // guards, for every domain it names. Say so, and say it louder when the
    // switch turns a protection off (deny_ptrace, secure_mode_insmod...).
    std::string why = "a conditional rule allows it when " + names + " is switched; that also switches every other "
                      "rule the boolean guards (list them with `sesearch -b NAME -A`)";
    const bool turns_off = std::any_of(settings.begin(), settings.end(), [](const BooleanSetting& s) { return !s.value; });
    if (turns_off) why += "; switching a boolean off lifts the protection it stands for on the whole machine";
    // What the boolean is for, when the policy's documentation is at hand
    // (Fedora machines rarely have it: the name and the command then stand alone).
    for (const auto& setting : settings) {
      const std::string text = descriptions != nullptr ? descriptions->describe(setting.name) : std::string();
      if (!text.empty()) why += "; " + setting.name + ": " + escape_for_comment(text);
    }
    fixes.push_back({FixKind::Boolean, command, why});
  }
}

const char* protocol_of(const std::string& tclass) {
  if (tclass == "tcp_socket") return "tcp";
  if (tclass == "udp_socket") return "udp";
  if (tclass == "sctp_socket") return "sctp";
  return nullptr;
}

void port_fixes(const Finding& finding, const AdviceContext& context, std::vector<Fix>& fixes) {
  const char* protocol = protocol_of(finding.tclass);
  if (protocol == nullptr || !finding.port || context.facts == nullptr) return;
  for (const char* perm : {"name_bind", "name_connect"}) {
    if (!finding.permissions.contains(perm)) continue;
    const auto types = context.facts->allowed_port_types(finding.source_type, finding.tclass, perm);
    // Only a port no service owns may get a type: moving a port that has a
    // specific type (443 is http_port_t) takes it from every service that
    // uses it. The generic types come from the policy's portcon ranges.
    const std::string& current = finding.target_type;
    const auto generic_types = context.facts->generic_port_types();
    if (std::find(generic_types.begin(), generic_types.end(), current) == generic_types.end()) return;
    std::size_t shown = 0;
    for (const auto& type : types) {
      if (type == current || shown == 3) continue;
      ++shown;
      fixes.push_back({FixKind::PortLabel,
                       std::string("semanage port -a -t ") + type + " -p " + protocol +
                           ' ' + std::to_string(*finding.port),
                       finding.source_type + " may already " + perm + " ports of type " + type +
                           "; label port " + std::to_string(*finding.port) + " so instead of allowing " + current});
    }
  }
}

/// The domain an entry point type leads into: `X_t` for `X_exec_t` when the
/// policy has it, else the application domain whose name shares the longest
/// prefix with it.
std::string domain_for_entry(const std::string& exec_type, const AdviceContext& context) {
  if (exec_type.ends_with("_exec_t")) {
    const std::string guess = exec_type.substr(0, exec_type.size() - 7) + "_t";
    if (context.facts != nullptr && context.facts->has_type(guess)) return guess;
    if (context.app_domains.contains(guess)) return guess;
  }
  std::string best;
  std::size_t best_prefix = 0;
  for (const auto& domain : context.app_domains) {
    std::size_t n = 0;
    while (n < domain.size() && n < exec_type.size() && domain[n] == exec_type[n]) ++n;
    if (best.empty() || n > best_prefix) {
      best = domain;
      best_prefix = n;
    }
  }
  if (!best.empty()) return best;
  return exec_type.ends_with("_exec_t") ? exec_type.substr(0, exec_type.size() - 7) + "_t" : "APP_DOMAIN_t";
}

/// True when the oracle says `source` may already do `perm` on `target`.
bool already_allowed(const AdviceContext& context, const std::string& source, const std::string& target,
                     const std::string& tclass, const std::string& perm) {
  if (context.oracle == nullptr) return false;
  AccessQuery query;
  query.source = {"system_u", "system_r", source, "s0"};
  query.target = {"system_u", tclass == "process" ? "system_r" : "object_r", target, "s0"};
  query.tclass = tclass;
  query.permissions = {perm};
  return context.oracle->judge(query).reason == Reason::Allowed;
}

void transition_fixes(const Finding& finding, const AdviceContext& context, std::vector<Fix>& fixes) {
  if (!is_unconfined_domain(finding.source_type) || finding.tclass != "file") return;
  const std::string& exec = finding.target_type;
  const bool executes = finding.permissions.contains("execute") || finding.permissions.contains("execute_no_trans");
  if (!is_app_type(exec, finding, context) || (!executes && !exec.ends_with("_exec_t"))) return;
  const std::string domain = domain_for_entry(exec, context);
  const std::string& caller = finding.source_type;
  std::string command = "type_transition " + caller + ' ' + exec + ":process " + domain + ";\n";
  if (!already_allowed(context, caller, domain, "process", "transition")) {
    command += "allow " + caller + ' ' + domain + ":process transition;\n";
  }
  command += "allow " + caller + ' ' + exec + ":file { execute getattr open read };\n";
  if (!already_allowed(context, domain, exec, "file", "entrypoint")) {
    command += "allow " + domain + ' ' + exec + ":file entrypoint;\n";
  }
  if (!finding.source_role.empty() && is_valid_identifier(finding.source_role)) {
    command += "role " + finding.source_role + " types " + domain + ";\n";
  }
  command.pop_back();
  fixes.push_back({FixKind::DomainTransition, command,
                   caller + " runs " + exec + " without entering " + domain +
                       " (refpolicy: domtrans_pattern(" + caller + ", " + exec + ", " + domain +
                       ")); add the transition instead of letting " + caller + " run it unconfined"});
}

void relabel_fixes(const Finding& finding, const AdviceContext& context, std::vector<Fix>& fixes) {
  const bool relabels = finding.permissions.contains("relabelto") || finding.permissions.contains("relabelfrom");
  const bool labeller = finding.source_type == "setfiles_t" || finding.source_type == "restorecond_t" ||
                        finding.source_type == "semanage_t" || finding.source_type == "rpm_t";
  if (!relabels || !labeller || !is_app_type(finding.target_type, finding, context)) return;
  fixes.push_back({FixKind::Relabel, "files_type(" + finding.target_type + ")",
                   finding.source_type + " may relabel only file types: declare " + finding.target_type +
                       " with files_type() in the module (plain policy: typeattribute " + finding.target_type +
                       " file_type;) instead of allowing the relabel"});
}

Fix allow_rule(const Finding& finding) {
  const bool valid = is_valid_identifier(finding.source_type) && is_valid_identifier(finding.target_type) &&
                     is_valid_identifier(finding.tclass) &&
                     std::all_of(finding.permissions.begin(), finding.permissions.end(),
                                 [](const std::string& p) { return is_valid_identifier(p); });
  if (!valid) {
    return {FixKind::AllowRule, "# no rule: the log names an invalid type, class or permission",
            "the names in the log are not valid policy identifiers"};
  }
  const std::string target = finding.target_type == finding.source_type ? "self" : finding.target_type;
  const std::string command =
      "allow " + finding.source_type + ' ' + target + ':' + finding.tclass + ' ' + perm_list(finding.permissions) + ';';
  if (finding.verdict.reason == Reason::Constraint) {
    // The TE rules allow it already; the rule would change nothing.
    return {FixKind::AllowRule, "# " + command + "  (useless: a constraint denies it)",
            "no allow rule can fix a constraint denial: the policy already has this rule"};
  }
  std::string why;
  switch (finding.verdict.reason) {
    case Reason::Allowed: why = "the current policy already allows this; no rule is needed"; break;
    case Reason::NotInPolicy: why = "the policy lacks names this rule uses; it will not install as is"; break;
    case Reason::DontAudit:
    case Reason::Unknown:
    case Reason::MissingTeRule:
    case Reason::Boolean:
    case Reason::Constraint:
    case Reason::Rbac:
    case Reason::Bounds:
      why = finding.flags.empty() ? "the rule audit2allow would write, when the access is expected"
                                  : "the rule audit2allow would write; only after reviewing the flags";
      break;
  }
  if (is_nnp_transition_rule(finding.tclass) && finding.verdict.reason != Reason::Allowed &&
      finding.verdict.reason != Reason::NotInPolicy) {
    why = "allows the transition under no_new_privs and from nosuid mounts (class process2, Linux 4.14 and later)";
  }
  return {FixKind::AllowRule, command, why};
}

}  // namespace

std::string fcontext_regex(const std::string& path, bool directory) {
  std::string out;
  for (const char c : path) {
    if (std::string_view(".^$*+?()[]{}|\\").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return directory ? out + "(/.*)?" : out;
}

const char* fix_kind_name(FixKind kind) {
  switch (kind) {
    case FixKind::Restorecon: return "restorecon";
    case FixKind::FcontextAdd: return "fcontext";
    case FixKind::VolumeRelabel: return "volume_relabel";
    case FixKind::LevelLabel: return "level_label";
    case FixKind::ContainerLevel: return "container_level";
    case FixKind::ProcessLevel: return "process_level";
    case FixKind::Unconfine: return "unconfine";
    case FixKind::Boolean: return "boolean";
    case FixKind::PortLabel: return "port";
    case FixKind::DomainTransition: return "domain_transition";
    case FixKind::Relabel: return "relabel";
    case FixKind::HiddenDenials: return "hidden_denials";
    case FixKind::PolicyReview: return "policy_review";
    case FixKind::AllowRule: return "allow_rule";
    case FixKind::Typebounds: return "typebounds";
  }
  return "unknown";
}

std::vector<Fix> advise_fixes(const Finding& finding, const AdviceContext& context) {
  std::vector<Fix> fixes;
  switch (finding.kind) {
    case FindingKind::HiddenFailure:
      fixes.push_back({FixKind::HiddenDenials, "semodule -DB\n# reproduce the failure, then: avcsift report ...\nsemodule -B",
                       "a system call failed with a permission error and no AVC was logged: a dontaudit rule "
                       "may hide the denial (or it is plain Unix permissions)"});
      return fixes;
    case FindingKind::SelinuxError:
      return selinux_error_fixes(finding);
    case FindingKind::Denial:
      break;
  }
  // A level denial is not about the type: relabelling to another type would
  // not help, and the level fixes replace the label fixes.
  if (is_level_denial(finding.verdict)) {
    for (auto& fix : level_fixes(finding)) fixes.push_back(std::move(fix));
  } else {
    label_fixes(finding, context, fixes);
    if (finding.verdict.reason != Reason::Allowed && finding.verdict.reason != Reason::DontAudit) {
      for (auto& fix : container_volume_fixes(finding)) fixes.push_back(std::move(fix));
    }
  }
  boolean_fixes(finding, context.boolean_descriptions, fixes);
  port_fixes(finding, context, fixes);
  transition_fixes(finding, context, fixes);
  relabel_fixes(finding, context, fixes);
  std::stable_sort(fixes.begin(), fixes.end(),
                   [](const Fix& a, const Fix& b) { return static_cast<int>(a.kind) < static_cast<int>(b.kind); });
  // An NNP/nosuid transition: a policy without class process2 needs bounds,
  // first when the policy at hand is such a policy.
  const bool transition = is_nnp_transition_rule(finding.tclass) && is_valid_identifier(finding.source_type) &&
                          is_valid_identifier(finding.target_type);
  const auto& undefined = finding.verdict.undefined_names;
  const bool lacks_class = std::find(undefined.begin(), undefined.end(),
                                     std::string("class ") + kTransitionClass) != undefined.end();
  if (transition && lacks_class) fixes.push_back(typebounds_fix(finding.source_type, finding.target_type, false));
  fixes.push_back(allow_rule(finding));
  if (transition && !lacks_class) fixes.push_back(typebounds_fix(finding.source_type, finding.target_type, false));
  return fixes;
}

}  // namespace avcsift::explain
