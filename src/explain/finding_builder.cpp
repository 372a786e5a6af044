#include "avcsift/explain/finding_builder.hpp"

#include <map>
#include <tuple>

#include "avcsift/explain/selinux_errors.hpp"
#include "avcsift/explain/type_catalogue.hpp"
#include "avcsift/model/identifier.hpp"

namespace avcsift::explain {
namespace {

using Key = std::tuple<std::string, std::string, std::string>;

void merge_sample(std::vector<std::string>& into, const std::set<std::string>& values) {
  std::set<std::string> all(into.begin(), into.end());
  all.insert(values.begin(), values.end());
  into.assign(all.begin(), all.end());
  if (into.size() > kSampleLimit) into.resize(kSampleLimit);
}

/// Folds one rule into the finding of its source, target and class (the
/// RuleSet splits them further by reason).
void fold(Finding& finding, const Rule& rule) {
  const bool first = finding.count == 0;
  if (first) {
    finding.source_type = rule.key.source_type;
    finding.target_type = rule.key.target_type;
    finding.tclass = rule.key.tclass;
    finding.source_role = rule.source_role;
    finding.first_seen = rule.first_seen;
    finding.last_seen = rule.last_seen;
    finding.port = rule.port;
    finding.verdict = rule.verdict;
  } else {
    widen_span(finding.first_seen, finding.last_seen, rule.first_seen);
    widen_span(finding.first_seen, finding.last_seen, rule.last_seen);
    // Keep the verdict of the larger share of denials; collect every boolean fix.
    for (const auto& fix : rule.verdict.boolean_fixes) finding.verdict.boolean_fixes.push_back(fix);
    if (!finding.port) finding.port = rule.port;
  }
  finding.permissions.insert(rule.permissions.begin(), rule.permissions.end());
  finding.count += rule.count;
  finding.permissive_count += rule.permissive_count;
  merge_sample(finding.paths, rule.paths.values());
  merge_sample(finding.commands, rule.commands.values());
  merge_sample(finding.executables, rule.executables.values());
  finding.nodes.merge(rule.nodes);
}

std::string noun(const std::string& tclass) {
  if (tclass == "dir") return "directory";
  if (tclass == "lnk_file") return "symbolic link";
  if (tclass == "chr_file") return "character device";
  if (tclass == "blk_file") return "block device";
  if (tclass == "sock_file") return "socket file";
  if (tclass == "fifo_file") return "named pipe";
  return tclass;
}

std::string joined(const std::set<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

}  // namespace

std::set<std::string> find_app_domains(const RuleSet& rules, const AppScope& scope) {
  std::set<std::string> domains;
  for (const auto& [key, rule] : rules.rules()) {
    if (scope.owns_type(key.source_type)) domains.insert(key.source_type);
    for (const auto& exe : rule.executables.values()) {
      if (scope.contains_path(exe)) domains.insert(key.source_type);
    }
  }
  // Unconfined and user domains run everything, also the app's files once.
  std::erase_if(domains, [&](const std::string& d) { return is_unconfined_domain(d) && !scope.owns_type(d); });
  return domains;
}

std::string describe(const Finding& finding) {
  std::string subject = "a process";
  if (!finding.executables.empty()) {
    subject = escape_for_comment(finding.executables.front());
  } else if (!finding.commands.empty()) {
    subject = escape_for_comment(finding.commands.front());
  }
  if (finding.kind == FindingKind::SelinuxError) return describe_selinux_error(finding);
  if (is_nnp_transition_rule(finding.tclass)) return describe_transition(finding);
  if (finding.kind == FindingKind::HiddenFailure) {
    std::string text = "A system call of " + subject + " failed with " + escape_for_comment(finding.syscall_exit) +
                       " (permission denied) and no AVC record was logged";
    if (!finding.paths.empty()) text += " (path " + escape_for_comment(finding.paths.front()) + ")";
    return text;
  }
  const std::string perms = joined(finding.permissions);
  std::string text = "SELinux denied " + subject + " (" + finding.source_type + ") " + perms;
  const std::string& tclass = finding.tclass;
  if (tclass == "capability" || tclass == "capability2" || tclass == "cap_userns" || tclass == "cap2_userns") {
    return text + " (" + tclass + ")";
  }
  if (finding.target_type == finding.source_type) return text + " on itself (" + tclass + ")";
  if (finding.port && (tclass.ends_with("_socket"))) {
    return text + " on " + tclass + " port " + std::to_string(*finding.port) + " (" + finding.target_type + ")";
  }
  text += " on the " + noun(tclass);
  if (!finding.paths.empty()) {
    text += ' ' + escape_for_comment(finding.paths.front());
    if (finding.paths.size() > 1) text += " (and " + std::to_string(finding.paths.size() - 1) + " more)";
  }
  return text + " (" + finding.target_type + ")";
}

std::string finding_reason(const Finding& finding) {
  switch (finding.kind) {
    case FindingKind::Denial: return reason_summary(finding.verdict);
    case FindingKind::HiddenFailure: return "no AVC: possibly hidden by a dontaudit rule, or Unix permissions";
    case FindingKind::SelinuxError: return selinux_error_reason(finding);
  }
  return {};
}

std::vector<Finding> build_findings(const RuleSet& rules, const HiddenFailureTally& hidden,
                                    const BuildContext& context, const SelinuxErrorTally* errors) {
  // 1. One finding per source, target and class.
  std::map<Key, Finding> merged;
  for (const auto& [key, rule] : rules.rules()) {
    fold(merged[{key.source_type, key.target_type, key.tclass}], rule);
  }
  // 2. What the checks need to know about the application.
  FlagContext flag_context{&context.scope, find_app_domains(rules, context.scope),
                           rules.denial_count() > 0 && rules.permissive_count() == rules.denial_count(),
                           context.facts};
  AdviceContext advice{context.oracle, context.facts, context.file_labels, context.boolean_descriptions,
                       &context.scope, flag_context.app_domains, {}};
  for (const auto& [key, finding] : merged) {
    if (!flag_context.app_domains.contains(finding.source_type)) continue;
    const std::string& target = finding.target_type;
    if (target == finding.source_type || is_system_type(target) || is_generic_file_label(target) ||
        is_secret_type(target) || !is_file_class(finding.tclass)) {
      continue;
    }
    if (context.scope.has_types() && !context.scope.owns_type(target)) continue;
    for (const auto& path : finding.paths) {
      if (context.scope.contains_path(path)) advice.app_file_types[finding.source_type].insert(target);
    }
  }
  // 3. Sentence, reason, flags and fixes of each.
  std::vector<Finding> findings;
  for (auto& [key, finding] : merged) findings.push_back(std::move(finding));
  for (auto& finding : hidden.findings()) findings.push_back(std::move(finding));
  if (errors != nullptr) {
    for (auto& finding : errors->findings()) findings.push_back(std::move(finding));
  }
  for (Finding& finding : findings) {
    finding.sentence = describe(finding);
    finding.reason = finding_reason(finding);
    finding.flags = flag_finding(finding, flag_context);
    finding.fixes = advise_fixes(finding, advice);
    flag_fixes(finding);
  }
  sort_findings(findings);
  return findings;
}

}  // namespace avcsift::explain
