#pragma once
/// `--ignore FILE`: findings a team has reviewed and accepts, so `report`
/// and `--fail-on` stop raising them. One rule per line, with the reason
/// mandatory so that a year later someone knows why it is there:
///
///   # comment lines and blank lines are skipped
///   httpd_t  var_lib_t  dir  { search getattr }  # web root lives under /var/lib (TICKET-12)
///   *_t      tmp_t      file *                   # every domain may touch /tmp files
///   ntpd_t   *          udp_socket               # ntpd probes any port; harmless
///
/// Fields are SOURCE TARGET CLASS [PERMS...]; `*` matches any run of
/// characters inside a field; PERMS may be wrapped in braces and are all
/// permissions when absent. An ignored finding is never dropped silently:
/// the report counts it and lists it with the rule's file, line and reason.
///
/// Partial matches: a finding is ignored only when the rules that match its
/// source, target and class cover every one of its permissions together. A
/// finding that is only partly covered stays in the report in full (the
/// uncovered permissions are what the reviewer has not yet accepted) and
/// names the rules that cover the rest and the permissions left over.
#include <istream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "avcsift/explain/finding.hpp"
#include "avcsift/model/source_location.hpp"

namespace avcsift::explain {

/// One line of an ignore file.
struct IgnoreRule {
  std::string source;             ///< pattern; `*` matches any run of characters.
  std::string target;             ///< pattern.
  std::string tclass;             ///< pattern.
  std::vector<std::string> permissions;  ///< patterns; empty: every permission.
  std::string reason;             ///< the `# reason` text, trimmed.
  SourceLocation where;           ///< file and line, for the report.
};

/// How the ignore list treats one finding.
struct IgnoreMatch {
  std::vector<IgnoreRule> rules;         ///< the rules covering some of its permissions, file order.
  std::set<std::string> uncovered;       ///< its permissions no rule covers (empty: ignored).
  /// True when the finding is ignored (some rule matched and nothing is left).
  [[nodiscard]] bool ignored() const { return !rules.empty() && uncovered.empty(); }
  /// True when rules cover some but not all of its permissions.
  [[nodiscard]] bool partial() const { return !rules.empty() && !uncovered.empty(); }
};

/// The rules of one or more ignore files.
class IgnoreList {
 public:
  /// Reads rules from `in`, naming `file` in errors; throws avcsift::Error
  /// (usage) with `FILE:LINE: what is wrong` for a malformed line.
  void read(std::istream& in, const std::string& file);
  /// Which rules match `finding`'s source, target and class, and which of its
  /// permissions they leave uncovered.
  [[nodiscard]] IgnoreMatch match(const Finding& finding) const;
  /// The rules in file order.
  [[nodiscard]] const std::vector<IgnoreRule>& rules() const { return rules_; }

 private:
  std::vector<IgnoreRule> rules_;
};

/// A finding the ignore list took out of the report, with the rules that did.
struct IgnoredFinding {
  Finding finding;
  std::vector<IgnoreRule> rules;
};

/// What an ignore list did to a report's findings.
struct IgnoreOutcome {
  std::vector<std::string> files;        ///< the ignore files as named.
  std::vector<IgnoredFinding> ignored;   ///< taken out, in report order.
  std::vector<IgnoreMatch> marks;        ///< one per finding kept, same order; partial() when partly covered.
};

/// Takes the findings `list` ignores out of `findings` (order kept) and
/// marks the rest.
[[nodiscard]] IgnoreOutcome apply_ignore_list(const IgnoreList& list, std::vector<Finding>& findings);

/// True when `text` matches `pattern`, where `*` matches any run of characters.
[[nodiscard]] bool wildcard_match(const std::string& pattern, const std::string& text);

}  // namespace avcsift::explain
