#include "avcsift/emit/te_emitter.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <tuple>

#include "avcsift/model/identifier.hpp"
#include "xperm_ranges.hpp"

namespace avcsift::emit {
std::string te_set_text(const std::set<std::string>& items) {
  if (items.size() == 1) return *items.begin();
  std::string out = "{";
  for (const auto& item : items) out += ' ' + item;
  return out + " }";
}

void TeRequirements::add_rules(const std::vector<RuleEntry>& entries, const std::vector<RoleTypeKey>& role_types) {
  for (const auto& entry : entries) {
    if (entry.disabled) continue;
    const RuleKey& key = entry.rule->key;
    types.insert(key.source_type);
    types.insert(key.target_type);
    classes[key.tclass].insert(entry.rule->permissions.begin(), entry.rule->permissions.end());
  }
  for (const auto& role_type : role_types) {
    roles.insert(role_type.role);
    types.insert(role_type.type);
  }
}

void write_te_require(std::ostream& out, const TeRequirements& needed) {
  if (needed.types.empty()) return;
  out << "\nrequire {\n";
  for (const auto& type : needed.types) out << "\ttype " << type << ";\n";
  for (const auto& role : needed.roles) out << "\trole " << role << ";\n";
  for (const auto& [tclass, perms] : needed.classes) out << "\tclass " << tclass << ' ' << te_set_text(perms) << ";\n";
  out << "}\n";
}

void TeEmitter::end() {
  // The require block names exactly what the rules use.
  TeRequirements needed;
  needed.add_rules(entries_, role_types_);
  if (options_.module_name) {
    out_ << "\nmodule " << *options_.module_name << ' ' << options_.module_version << ";\n";
    // checkmodule rejects a module line alone: without a live rule, require
    // a class every policy has (the kernel's), so the module still builds.
    if (needed.types.empty()) out_ << kEmptyModuleRequire;
  }
  write_te_require(out_, needed);

  write_rule_layout(out_, entries_, role_types_,
                    {'#', [this](const RuleEntry& entry) { write_te_rule(out_, entry, options_); },
                     [this](const RoleTypeKey& role_type) {
                       out_ << "role " << role_type.role << " types " << role_type.type << ";\n";
                     }});
}

void write_te_rule(std::ostream& out, const RuleEntry& entry, const TeOptions& options) {
  const RuleKey& key = entry.rule->key;
  write_comment_lines(out, '#', entry.comments);
  const std::string& target = key.target_type == key.source_type ? "self" : key.target_type;
  if (entry.disabled) out << "# ";
  out << (options.dontaudit ? "dontaudit" : "allow") << ' ' << key.source_type << ' ' << target
      << ':' << key.tclass << ' ' << te_set_text(entry.rule->permissions) << ";\n";
  // -x: the ioctl commands the log names, next to the rule that allows ioctl
  // at all (an allowxperm rule only narrows an ioctl permission it does not grant).
  if (!options.xperms || entry.rule->permissions.count("ioctl") == 0) return;
  const auto ranges = merge_xperm_ranges(entry.rule->ioctl_commands);
  if (ranges.empty()) return;
  if (entry.disabled) out << "# ";
  out << (options.dontaudit ? "dontauditxperm" : "allowxperm") << ' ' << key.source_type << ' '
      << target << ':' << key.tclass << " ioctl " << te_xperm_set(ranges) << ";\n";
}

}  // namespace avcsift::emit
