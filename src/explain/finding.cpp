#include "avcsift/explain/finding.hpp"

#include "avcsift/explain/level_advice.hpp"

#include <algorithm>
#include <tuple>

namespace avcsift::explain {

std::optional<Severity> Finding::severity() const {
  std::optional<Severity> worst;
  for (const auto& flag : flags) {
    if (!worst || *worst < flag.severity) worst = flag.severity;
  }
  return worst;
}

std::vector<std::string> flag_comments(const Finding& finding) {
  std::vector<std::string> lines;
  for (const auto& flag : finding.flags) {
    lines.push_back(std::string("!!!! WARNING (") + severity_name(flag.severity) + "): " + flag.message);
  }
  return lines;
}

std::string reason_summary(const Verdict& verdict) {
  std::string text;
  switch (verdict.reason) {
    case Reason::Unknown: text = "unknown (no policy was used)"; break;
    case Reason::Allowed: text = "allowed by the current policy (it changed since, or a boolean was switched)"; break;
    case Reason::DontAudit: text = "hidden by a dontaudit rule in the current policy"; break;
    case Reason::MissingTeRule: text = "no allow rule (missing type enforcement rule)"; break;
    case Reason::Boolean: {
      text = "a boolean would allow it:";
      for (const auto& fix : verdict.boolean_fixes) {
        text += ' ';
        for (std::size_t i = 0; i < fix.size(); ++i) {
          if (i > 0) text += '+';
          text += fix[i].name + '=' + (fix[i].value ? "1" : "0");
        }
      }
      break;
    }
    case Reason::Constraint:
      text = "a constraint forbids it" + (verdict.cause.empty() ? "" : ": " + verdict.cause);
      // Level denials in plain words, ending with why no allow rule helps.
      for (const auto& line : explain_levels(verdict)) text += ". " + line.substr(0, line.size() - 1);
      break;
    case Reason::Rbac: text = "role-based access control forbids it" + (verdict.cause.empty() ? "" : ": " + verdict.cause); break;
    case Reason::Bounds: text = "a typebounds parent does not allow it" + (verdict.cause.empty() ? "" : ": " + verdict.cause); break;
    case Reason::NotInPolicy: {
      text = "the policy does not define";
      for (std::size_t i = 0; i < verdict.undefined_names.size(); ++i) {
        text += (i == 0 ? " " : ", ") + verdict.undefined_names[i];
      }
      break;
    }
  }
  if (verdict.permissive_domain) text += " (the source domain is permissive)";
  return text;
}

void sort_findings(std::vector<Finding>& findings) {
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    // nullopt (no flags) sorts after Low.
    const int sa = a.severity() ? static_cast<int>(*a.severity()) : -1;
    const int sb = b.severity() ? static_cast<int>(*b.severity()) : -1;
    if (sa != sb) return sa > sb;
    if (a.count != b.count) return a.count > b.count;
    return std::tie(a.kind, a.source_type, a.target_type, a.tclass, a.executables, a.commands) <
           std::tie(b.kind, b.source_type, b.target_type, b.tclass, b.executables, b.commands);
  });
}

}  // namespace avcsift::explain
