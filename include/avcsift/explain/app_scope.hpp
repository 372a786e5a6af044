#pragma once
/// What belongs to the application under review: its directories
/// (`--app-root`) and its types (`--app-module`, `--app-types`).
///
/// Confining an application means giving it exactly its own files and
/// nothing else. A rule is only judged "inside" or "outside" relative to that
/// scope, so the checks that need it are skipped (and the report says so)
/// when the user did not give it.
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace avcsift::explain {

/// The application's directories and types.
class AppScope {
 public:
  /// Adds a root directory (trailing slashes are ignored).
  void add_root(std::string root);
  /// Adds types the application owns (from its module).
  void add_types(const std::vector<std::string>& types);
  /// Adds the types the module file `path` declares (--app-module).
  void add_module(const std::string& path, const std::vector<std::string>& types);
  /// Owns every type that `pattern` (ECMAScript) finds, as grep does:
  /// `^plone` owns plone_rw_t, `^plone_t$` only plone_t. Throws
  /// avcsift::Error (usage) for an invalid pattern.
  void set_type_pattern(const std::string& pattern);

  /// True when roots were given.
  [[nodiscard]] bool has_roots() const { return !roots_.empty(); }
  /// True when types (or a pattern) were given.
  [[nodiscard]] bool has_types() const { return !types_.empty() || pattern_.has_value(); }
  /// True when `path` is a root or lies below one. Relative paths are never inside.
  [[nodiscard]] bool contains_path(std::string_view path) const;
  /// True when the application owns `type`.
  [[nodiscard]] bool owns_type(const std::string& type) const;
  /// The roots, sorted.
  [[nodiscard]] const std::set<std::string>& roots() const { return roots_; }
  /// The declared types, sorted (without those only the pattern matches).
  [[nodiscard]] const std::set<std::string>& types() const { return types_; }
  /// Each --app-module file with the types it declares.
  [[nodiscard]] const std::map<std::string, std::vector<std::string>>& modules() const { return modules_; }
  /// The --app-types pattern as given, or nullopt.
  [[nodiscard]] std::optional<std::string> type_pattern() const {
    return pattern_ ? std::optional<std::string>(pattern_text_) : std::nullopt;
  }
  /// True when the --app-types pattern finds `type`.
  [[nodiscard]] bool pattern_finds(const std::string& type) const;

 private:
  std::set<std::string> roots_;
  std::set<std::string> types_;
  std::map<std::string, std::vector<std::string>> modules_;
  std::optional<std::regex> pattern_;
  std::string pattern_text_;
};

}  // namespace avcsift::explain
