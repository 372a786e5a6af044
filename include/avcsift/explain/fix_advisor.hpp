#pragma once
/// Proposes what to do about a denial, best fix first, the allow rule last.
///
/// The allow rule audit2allow prints is the right answer less often than it
/// seems. A file with a generic or stale label wants `restorecon` (or an
/// fcontext rule), not a rule that grants every file with that label. A
/// boolean may already allow it. A daemon on a non-standard port wants the
/// port labelled with a type it may already use. An unconfined shell denied
/// executing an application's entry point ("bad interpreter: Permission
/// denied") is missing a domain transition; allowing unconfined_t to run the
/// file in its own domain would leave the application unconfined. setfiles
/// denied relabeling the application's types means the module forgot
/// `files_type()`. And a system call that failed with EACCES without any AVC
/// is likely hidden by a dontaudit rule. Each fix carries the exact command.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "avcsift/explain/app_scope.hpp"
#include "avcsift/explain/boolean_descriptions.hpp"
#include "avcsift/explain/file_labels.hpp"
#include "avcsift/explain/finding.hpp"
#include "avcsift/explain/policy_facts.hpp"
#include "avcsift/model/access_oracle.hpp"

namespace avcsift::explain {

/// What the advisor may consult; every pointer may be null (that advice is
/// then skipped or given without the policy's confirmation).
struct AdviceContext {
  AccessOracle* oracle = nullptr;          ///< judges the rules a fix would rely on.
  const PolicyFacts* facts = nullptr;      ///< port types, known types.
  const FileLabels* file_labels = nullptr; ///< the policy's file_contexts.
  const BooleanDescriptions* boolean_descriptions = nullptr;  ///< what each boolean is for (policy.xml).
  const AppScope* scope = nullptr;
  std::set<std::string> app_domains;       ///< as FlagContext::app_domains.
  /// Per application domain, the types of its targets below the app roots
  /// that are neither system nor generic types (candidates for relabeling).
  std::map<std::string, std::set<std::string>> app_file_types;
};

/// The fixes for one finding, in FixKind order; a Denial finding has
/// FixKind::AllowRule (then FixKind::Typebounds for an NNP/nosuid
/// transition), a HiddenFailure has only FixKind::HiddenDenials, a
/// SelinuxError only PolicyReview or Typebounds fixes.
[[nodiscard]] std::vector<Fix> advise_fixes(const Finding& finding, const AdviceContext& context);

/// `semanage fcontext` regex for a path: metacharacters escaped, and
/// `(/.*)?` appended for directories.
[[nodiscard]] std::string fcontext_regex(const std::string& path, bool directory);

/// Stable snake_case name of a fix kind (`restorecon`, `fcontext`, `boolean`,
/// `port`, `domain_transition`, `relabel`, `hidden_denials`, `allow_rule`).
[[nodiscard]] const char* fix_kind_name(FixKind kind);

}  // namespace avcsift::explain
