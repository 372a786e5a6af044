#pragma once
/// What one reference-policy interface grants, with its `$N` parameters.
#include <map>
#include <set>
#include <string>
#include <vector>

namespace avcsift::refpolicy {

/// One access an interface grants: `allow $1 etc_t:file { read open };`
/// becomes {"$1", "etc_t", "file", {open, read}}. Type sets are split, so
/// each rule has one source, target and class.
struct AccessRule {
  std::string source;  ///< a type, attribute or `$N`.
  std::string target;  ///< a type, attribute, `self` or `$N`.
  std::string tclass;  ///< a class or `$N`.
  std::set<std::string> perms;  ///< `*` stands for every permission (complements, `*`).

  friend auto operator<=>(const AccessRule&, const AccessRule&) = default;
  friend bool operator==(const AccessRule&, const AccessRule&) = default;
};

/// A call of another interface inside a body: `files_search_etc($1)`.
/// Each argument is a list, since `{ a b }` passes a set.
struct InterfaceCall {
  std::string name;                            ///< the interface called.
  std::vector<std::vector<std::string>> args;  ///< one list per argument.
};

/// How a parameter is used, which decides what a denial can pass for it.
enum class ParamKind {
  Unused,  ///< never appears in a rule (or an argument gap, `$2` absent).
  Source,  ///< a source type: the denied domain.
  Target,  ///< a target type.
  Class,   ///< an object class.
  Other,   ///< a role, a transition's new type, a permission: no denial supplies it.
};

/// One interface or template as parsed, before calls are expanded.
struct ParsedInterface {
  std::string name;              ///< `files_read_etc_files`.
  std::string file;              ///< header it came from, relative to the include directory.
  bool is_template = false;       ///< defined with `template`, not `interface`.
  std::vector<AccessRule> rules;  ///< its own `allow` rules.
  std::vector<InterfaceCall> calls;     ///< the interfaces it calls.
  std::map<int, ParamKind> other_uses;  ///< parameters used as roles or new types.
};

/// One interface with every call expanded: all it grants, and its parameters.
struct Interface {
  std::string name;               ///< `files_read_etc_files`.
  std::string file;               ///< header it came from.
  bool is_template = false;       ///< defined with `template`.
  std::vector<AccessRule> rules;  ///< merged: one rule per source, target and class.
  std::vector<ParamKind> params;  ///< params[0] is `$1`.

  /// Whether every parameter can be filled from a denial (source, target or
  /// class, numbered without gaps, no two of one kind), so the interface can
  /// be proposed.
  [[nodiscard]] bool callable() const;
};

/// True for `$1` .. `$99`: a whole parameter reference, not `$1_t`.
[[nodiscard]] bool is_param(const std::string& word);

}  // namespace avcsift::refpolicy
