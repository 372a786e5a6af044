#include "avcsift/explain/type_census.hpp"

namespace avcsift::explain {

void TypeCensus::add(const std::string& source_type, const std::string& target_type, const Verdict& verdict) {
  types_.insert(source_type);
  types_.insert(target_type);
  for (const auto& name : verdict.undefined_names) {
    if (name.starts_with("type ")) undefined_.insert(name.substr(5));
  }
}

void TypeCensus::add(const RuleSet& rules) {
  for (const auto& [key, rule] : rules.rules()) add(key.source_type, key.target_type, rule.verdict);
}

std::set<std::string> TypeCensus::unknown(const AppScope& scope) const {
  std::set<std::string> unknown;
  for (const auto& type : undefined_) {
    if (!scope.owns_type(type)) unknown.insert(type);
  }
  return unknown;
}

bool TypeCensus::looks_foreign(const AppScope& scope) const {
  const std::size_t count = unknown(scope).size();
  return count >= kMinForeignTypes && count * 2 > types_.size();
}

}  // namespace avcsift::explain
