#pragma once
/// The part of m4 that the reference policy's headers use, enough to read
/// interface definitions without running m4. Example input (files.if):
///
///   interface(`files_read_etc_files',`
///   	gen_require(`
///   		type etc_t;
///   	')
///   	allow $1 etc_t:dir list_dir_perms;
///   	read_files_pattern($1, etc_t, etc_t)
///   ')
///
/// Written by hand because m4 itself would expand every interface for one
/// set of arguments, while the database needs each interface with its `$N`
/// parameters kept, and because running m4 over 400 files is slower than
/// this reader.
///
/// Supported: `` `quotes' `` (nested), `#` comments, `dnl`, `define`,
/// `ifdef`, `ifndef`, `ifelse` (with several branches), `$0`..`$9`, `$#`,
/// `$*`, `$@` in defined macros, and the refpolicy macros `gen_require`,
/// `require`, `optional_policy`, `tunable_policy` (its true branch: the
/// access a tunable can grant) and `interface`/`template` (captured, not
/// expanded). Other names pass through as text, so calls of interfaces reach
/// the statement reader unexpanded.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace avcsift::refpolicy {

/// Thrown on text m4 would reject or that this reader does not follow
/// (unbalanced quotes or parentheses, runaway recursion).
class MacroError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Macros and symbols known while expanding.
struct MacroTable {
  std::unordered_map<std::string, std::string> defines;  ///< `define(NAME, BODY)`.
  std::unordered_set<std::string> symbols;               ///< names `ifdef` sees as defined.
};

/// Whether a captured definition is an interface or a template.
enum class DefinitionKind { Interface, Template };

/// An `interface(NAME, BODY)` or `template(NAME, BODY)` found at top level.
struct Definition {
  DefinitionKind kind = DefinitionKind::Interface;
  std::string name;
  std::string body;  ///< the body text, one quote level removed, unexpanded.
};

/// Expands text against a MacroTable. `define` adds to the table;
/// `interface` and `template` are captured into definitions().
class MacroExpander {
 public:
  /// Expands against `table`, which `define` extends.
  explicit MacroExpander(MacroTable& table) : table_(table) {}
  /// The text with macros expanded and one level of quotes removed.
  [[nodiscard]] std::string expand(std::string_view text);
  /// The interface and template definitions seen so far.
  [[nodiscard]] std::vector<Definition>& definitions() { return definitions_; }

 private:
  void expand_into(std::string_view text, std::string& out, int depth);
  std::vector<std::string> collect_args(std::string_view text, std::size_t& pos, int depth);
  bool apply(const std::string& name, const std::vector<std::string>& args, bool called, std::string& result);

  MacroTable& table_;
  std::vector<Definition> definitions_;
};

/// Replaces `$0`..`$9`, `$#`, `$*` and `$@` in a defined macro's body.
[[nodiscard]] std::string substitute_macro_args(std::string_view body, const std::string& name,
                                                const std::vector<std::string>& args);

}  // namespace avcsift::refpolicy
