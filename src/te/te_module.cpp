#include "avcsift/te/te_module.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "avcsift/model/error.hpp"

namespace avcsift::te {

void TeModule::grant(RuleKind kind, const AccessKey& key, const std::set<std::string>& permissions) {
  auto& granted = (kind == RuleKind::Allow ? allowed_ : dontaudited_)[key];
  granted.insert(permissions.begin(), permissions.end());
}

void TeModule::grant_role(const std::string& role, const std::string& type) { roles_.emplace(role, type); }

bool TeModule::grants(RuleKind kind, const AccessKey& key, const std::string& permission) const {
  const auto& rules = kind == RuleKind::Allow ? allowed_ : dontaudited_;
  const auto found = rules.find(key);
  return found != rules.end() && (found->second.count(permission) != 0 || found->second.count("*") != 0);
}

bool TeModule::grants_role(const std::string& role, const std::string& type) const {
  return roles_.count({role, type}) != 0;
}

void read_te_module_file(const std::string& path, TeModule& module, Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw Error(path + ": cannot read");
  read_te_module(text.str(), path, module, diagnostics);
}

}  // namespace avcsift::te
