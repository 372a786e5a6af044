#include "avcsift/explain/app_scope.hpp"

#include "avcsift/model/error.hpp"

namespace avcsift::explain {

void AppScope::add_root(std::string root) {
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (!root.empty()) roots_.insert(std::move(root));
}

void AppScope::add_types(const std::vector<std::string>& types) { types_.insert(types.begin(), types.end()); }

void AppScope::add_module(const std::string& path, const std::vector<std::string>& types) {
  add_types(types);
  modules_[path] = types;
}

void AppScope::set_type_pattern(const std::string& pattern) {
  try {
    pattern_.emplace(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    throw Error("invalid --app-types pattern '" + pattern + "'", ExitStatus::Usage);
  }
  pattern_text_ = pattern;
}

bool AppScope::contains_path(std::string_view path) const {
  if (path.empty() || path.front() != '/') return false;
  for (const auto& root : roots_) {
    if (root == "/") return true;
    if (path.starts_with(root) && (path.size() == root.size() || path[root.size()] == '/')) return true;
  }
  return false;
}

bool AppScope::owns_type(const std::string& type) const {
  if (types_.contains(type)) return true;
  return pattern_finds(type);
}

bool AppScope::pattern_finds(const std::string& type) const {
  // A search, as grep reads a pattern: users anchor it themselves (`^plone`).
  return pattern_ && std::regex_search(type, *pattern_);
}

}  // namespace avcsift::explain
