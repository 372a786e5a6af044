#pragma once
/// Turns the rules of a run into report findings: merges the rules of one
/// source, target and class, writes the sentence and the reason, and asks
/// suspicious_access for flags and fix_advisor for fixes.
#include <string>
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/explain/fix_advisor.hpp"
#include "avcsift/explain/hidden_failures.hpp"
#include "avcsift/explain/selinux_errors.hpp"
#include "avcsift/explain/suspicious_access.hpp"

namespace avcsift::explain {

/// What the builder may consult (all optional but the scope).
struct BuildContext {
  AppScope scope;
  AccessOracle* oracle = nullptr;
  const PolicyFacts* facts = nullptr;
  const FileLabels* file_labels = nullptr;
  const BooleanDescriptions* boolean_descriptions = nullptr;
};

/// The application's domains in `rules`: types the scope owns, or that ran an
/// executable below an app root.
[[nodiscard]] std::set<std::string> find_app_domains(const RuleSet& rules, const AppScope& scope);

/// One finding per source, target and class of `rules`, plus the hidden
/// failures and the SELINUX_ERR reports (when given), flagged, advised and
/// sorted (sort_findings).
[[nodiscard]] std::vector<Finding> build_findings(const RuleSet& rules, const HiddenFailureTally& hidden,
                                                  const BuildContext& context,
                                                  const SelinuxErrorTally* errors = nullptr);
/// The reason line of a finding: the verdict, or what a non-denial finding is.
[[nodiscard]] std::string finding_reason(const Finding& finding);

/// "SELinux denied python (/usr/.../python, plone_t) write on the file
/// /etc/passwd (etc_t)": what happened, in one sentence (log text escaped).
[[nodiscard]] std::string describe(const Finding& finding);

}  // namespace avcsift::explain
