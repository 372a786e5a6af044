#include "avcsift/explain/baseline.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace avcsift::explain {
namespace {

using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;

Key key_of(const BaselineEntry& entry) {
  return {entry.kind, entry.selinux_error, entry.source_type, entry.target_type, entry.tclass};
}

Key key_of(const Finding& finding) {
  const bool error = finding.kind == FindingKind::SelinuxError;
  return {finding_kind_name(finding.kind), error ? selinux_error_name(finding.error_kind) : "",
          finding.source_type, finding.target_type, finding.tclass};
}

}  // namespace

const char* finding_kind_name(FindingKind kind) {
  switch (kind) {
    case FindingKind::Denial: return "denial";
    case FindingKind::HiddenFailure: return "hidden_failure";
    case FindingKind::SelinuxError: return "selinux_error";
  }
  return "denial";
}

const char* baseline_status_name(BaselineStatus status) {
  switch (status) {
    case BaselineStatus::New: return "new";
    case BaselineStatus::Seen: return "seen";
  }
  return "new";
}

std::size_t BaselineComparison::new_count() const {
  return static_cast<std::size_t>(
      std::count_if(marks.begin(), marks.end(), [](const auto& m) { return m.status == BaselineStatus::New; }));
}

std::size_t BaselineComparison::seen_count() const { return marks.size() - new_count(); }

BaselineComparison compare_with_baseline(const std::vector<BaselineEntry>& entries,
                                         const std::vector<Finding>& findings,
                                         const std::vector<Finding>& ignored) {
  // Several entries with one key (a hand-merged baseline) add up.
  std::map<Key, BaselineEntry> known;
  for (const auto& entry : entries) {
    auto [it, fresh] = known.try_emplace(key_of(entry), entry);
    if (fresh) continue;
    it->second.count += entry.count;
    it->second.permissions.insert(entry.permissions.begin(), entry.permissions.end());
  }
  BaselineComparison result;
  std::set<Key> matched;
  for (const auto& finding : ignored) matched.insert(key_of(finding));
  for (const auto& finding : findings) {
    BaselineMark mark;
    const Key key = key_of(finding);
    const auto it = known.find(key);
    if (it == known.end()) {
      mark.new_permissions = finding.permissions;
    } else {
      matched.insert(key);
      mark.known = true;
      mark.old_count = it->second.count;
      std::set_difference(finding.permissions.begin(), finding.permissions.end(), it->second.permissions.begin(),
                          it->second.permissions.end(),
                          std::inserter(mark.new_permissions, mark.new_permissions.end()));
      if (mark.new_permissions.empty()) mark.status = BaselineStatus::Seen;
    }
    result.marks.push_back(std::move(mark));
  }
  for (const auto& entry : entries) {
    // insert() also keeps a key listed twice in the baseline from going twice.
    if (matched.insert(key_of(entry)).second) result.gone.push_back(entry);
  }
  return result;
}

}  // namespace avcsift::explain
