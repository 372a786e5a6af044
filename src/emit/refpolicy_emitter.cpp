#include "avcsift/emit/refpolicy_emitter.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <tuple>

#include "avcsift/emit/te_emitter.hpp"

namespace avcsift::emit {

void RefpolicyEmitter::end() {
  // The require block names the types and classes the raw rules use and the
  // types passed to interfaces (an interface requires its own).
  TeRequirements needed;
  needed.add_rules(entries_, role_types_);
  for (const auto& call : calls_) needed.types.insert(call.types.begin(), call.types.end());
  if (options_.module_name) {
    out_ << "\npolicy_module(" << *options_.module_name << ", " << options_.module_version << ")\n";
  }
  write_te_require(out_, needed);

  // Per domain: its raw rules, then its interface calls, as audit2allow -R.
  std::stable_sort(entries_.begin(), entries_.end(), [](const RuleEntry& a, const RuleEntry& b) {
    return std::tie(a.disabled, a.rule->key) < std::tie(b.disabled, b.rule->key);
  });
  std::sort(calls_.begin(), calls_.end(), [](const InterfaceCallEntry& a, const InterfaceCallEntry& b) {
    return std::tie(a.domain, a.name, a.args) < std::tie(b.domain, b.name, b.args);
  });
  std::set<std::string> domains;
  for (const auto& entry : entries_) {
    if (!entry.disabled) domains.insert(entry.rule->key.source_type);
  }
  for (const auto& call : calls_) domains.insert(call.domain);
  auto entry = entries_.begin();
  auto call = calls_.begin();
  for (const auto& domain : domains) {
    out_ << "\n#============= " << domain << " ==============\n";
    for (; entry != entries_.end() && !entry->disabled && entry->rule->key.source_type == domain; ++entry) {
      write_te_rule(out_, *entry, options_);
    }
    for (; call != calls_.end() && call->domain == domain; ++call) {
      write_comment_lines(out_, '#', call->comments);
      out_ << call->name << '(';
      for (std::size_t i = 0; i < call->args.size(); ++i) out_ << (i > 0 ? ", " : "") << call->args[i];
      out_ << ")\n";
    }
  }
  if (!role_types_.empty()) {
    out_ << "\n#============= ROLES ==============\n";
    std::sort(role_types_.begin(), role_types_.end());
    for (const auto& role_type : role_types_) out_ << "role " << role_type.role << " types " << role_type.type << ";\n";
  }
  if (entry != entries_.end()) {
    out_ << "\n#============= NOT IN THE CURRENT POLICY ==============\n";
    for (; entry != entries_.end(); ++entry) write_te_rule(out_, *entry, options_);
  }
}

}  // namespace avcsift::emit
