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

CilEmitter::CilEmitter(std::ostream& out, CilOptions options) : out_(out), options_(std::move(options)) {}

void CilEmitter::begin() {
  entries_.clear();
  role_types_.clear();
}

void CilEmitter::add(const Rule& rule, const std::vector<std::string>& comments, bool disabled) {
  entries_.push_back({&rule, comments, disabled});
}

void CilEmitter::add(const RoleTypeKey& role_type) { role_types_.push_back(role_type); }

void CilEmitter::end() {
  if (options_.module_name) {
    out_ << "; avcsift module " << *options_.module_name << ' ' << options_.module_version
         << " (install with: semodule -i " << *options_.module_name << ".cil)\n";
  }
  // The order of TeEmitter: installable rules by source domain, then roles,
  // then the rules the policy cannot take, as comments.
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.disabled, a.rule->key) < std::tie(b.disabled, b.rule->key);
  });
  const std::string* current_source = nullptr;
  for (const auto& entry : entries_) {
    if (entry.disabled) break;
    const RuleKey& key = entry.rule->key;
    if (current_source == nullptr || *current_source != key.source_type) {
      current_source = &key.source_type;
      out_ << "\n;============= " << key.source_type << " ==============\n";
    }
    write_rule(entry);
  }

  if (!role_types_.empty()) {
    out_ << "\n;============= ROLES ==============\n";
    std::sort(role_types_.begin(), role_types_.end());
    for (const auto& role_type : role_types_) {
      out_ << "(roletype " << role_type.role << ' ' << role_type.type << ")\n";
    }
  }

  const auto disabled = std::find_if(entries_.begin(), entries_.end(),
                                     [](const Entry& entry) { return entry.disabled; });
  if (disabled != entries_.end()) {
    out_ << "\n;============= NOT IN THE CURRENT POLICY ==============\n";
    std::for_each(disabled, entries_.end(), [this](const Entry& entry) { write_rule(entry); });
  }
}

void CilEmitter::write_rule(const Entry& entry) {
  const RuleKey& key = entry.rule->key;
  if (!entry.comments.empty()) {
    out_ << '\n';
    for (const auto& comment : entry.comments) out_ << ';' << escape_for_comment_keeping_tabs(comment) << '\n';
  }
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
