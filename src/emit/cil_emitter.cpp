#include "avcsift/emit/cil_emitter.hpp"

#include <algorithm>
#include <ostream>
#include <tuple>

#include "avcsift/model/identifier.hpp"
#include "xperm_ranges.hpp"

namespace avcsift::emit {
namespace {

/// `(read write)`: CIL writes even one permission as a list.
std::string perm_list(const std::set<std::string>& perms) {
  std::string out = "(";
  for (const auto& perm : perms) out += (out.size() == 1 ? "" : " ") + perm;
  return out + ')';
}

}  // namespace

void CilEmitter::end() {
  if (options_.module_name) {
    out_ << "; avcsift module " << *options_.module_name << ' ' << options_.module_version
         << " (install with: semodule -i " << *options_.module_name << ".cil)\n";
  }
  write_rule_layout(out_, entries_, role_types_,
                    {';', [this](const RuleEntry& entry) { write_rule(entry); },
                     [this](const RoleTypeKey& role_type) {
                       out_ << "(roletype " << role_type.role << ' ' << role_type.type << ")\n";
                     }});
}

void CilEmitter::write_rule(const RuleEntry& entry) {
  const RuleKey& key = entry.rule->key;
  write_comment_lines(out_, ';', entry.comments);
  const std::string& target = key.target_type == key.source_type ? "self" : key.target_type;
  const char* prefix = entry.disabled ? "; " : "";
  out_ << prefix << '(' << (options_.dontaudit ? "dontaudit" : "allow") << ' ' << key.source_type
       << ' ' << target << " (" << key.tclass << ' ' << perm_list(entry.rule->permissions) << "))\n";
  if (!options_.xperms || entry.rule->permissions.count("ioctl") == 0) return;
  const auto ranges = merge_xperm_ranges(entry.rule->ioctl_commands);
  if (ranges.empty()) return;
  out_ << prefix << '(' << (options_.dontaudit ? "dontauditx" : "allowx") << ' ' << key.source_type
       << ' ' << target << " (ioctl " << key.tclass << ' ' << cil_xperm_set(ranges) << "))\n";
}

}  // namespace avcsift::emit
