#include "avcsift/emit/rule_layout.hpp"

#include <algorithm>
#include <ostream>
#include <tuple>

#include "avcsift/model/identifier.hpp"

namespace avcsift::emit {

void RuleCollectingEmitter::begin() {
  entries_.clear();
  role_types_.clear();
}

void RuleCollectingEmitter::add(const Rule& rule, const std::vector<std::string>& comments, bool disabled) {
  entries_.push_back({&rule, comments, disabled});
}

void RuleCollectingEmitter::add(const RoleTypeKey& role_type) { role_types_.push_back(role_type); }

void write_rule_layout(std::ostream& out, std::vector<RuleEntry>& entries,
                       std::vector<RoleTypeKey>& role_types, const LayoutSyntax& syntax) {
  // The map order of RuleKey (source, target, class, reason) keeps it stable.
  std::stable_sort(entries.begin(), entries.end(), [](const RuleEntry& a, const RuleEntry& b) {
    return std::tie(a.disabled, a.rule->key) < std::tie(b.disabled, b.rule->key);
  });
  const auto heading = [&](const std::string& title) {
    out << '\n' << syntax.comment << "============= " << title << " ==============\n";
  };
  const std::string* current_source = nullptr;
  for (const auto& entry : entries) {
    if (entry.disabled) break;
    const std::string& source = entry.rule->key.source_type;
    if (current_source == nullptr || *current_source != source) {
      current_source = &source;
      heading(source);
    }
    syntax.write_rule(entry);
  }

  if (!role_types.empty()) {
    heading("ROLES");
    std::sort(role_types.begin(), role_types.end());
    for (const auto& role_type : role_types) syntax.write_role_type(role_type);
  }

  const auto disabled =
      std::find_if(entries.begin(), entries.end(), [](const RuleEntry& entry) { return entry.disabled; });
  if (disabled != entries.end()) {
    heading("NOT IN THE CURRENT POLICY");
    std::for_each(disabled, entries.end(), syntax.write_rule);
  }
}

void write_comment_lines(std::ostream& out, char marker, const std::vector<std::string>& comments) {
  if (comments.empty()) return;
  out << '\n';
  for (const auto& comment : comments) out << marker << escape_for_comment_keeping_tabs(comment) << '\n';
}

}  // namespace avcsift::emit
