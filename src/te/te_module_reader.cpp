// The .te reader behind read_te_module(): a tokenizer and a small recursive
// reader for the statements that grant access. Written by hand because
// checkpolicy's parser is not a library, and all we need is the allow and
// dontaudit rules, role statements and where interface calls are.
#include <cctype>
#include <string>
#include <vector>

#include "avcsift/model/identifier.hpp"
#include "avcsift/model/source_location.hpp"
#include "avcsift/te/te_module.hpp"

namespace avcsift::te {
namespace {

struct Token {
  std::string text;
  std::uint64_t line;
};

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '$';
}

/// Words and one-character punctuation; `#` comments, whitespace and m4's
/// quote characters are dropped.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::uint64_t line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (std::isspace(static_cast<unsigned char>(c)) != 0 || c == '`' || c == '\'') {
      ++i;
    } else if (is_word_char(c)) {
      const std::size_t start = i;
      while (i < text.size() && is_word_char(text[i])) ++i;
      tokens.push_back({std::string(text.substr(start, i - start)), line});
    } else {
      tokens.push_back({std::string(1, c), line});
      ++i;
    }
  }
  return tokens;
}

/// Statements that declare rather than grant: read up to their `;`.
bool is_declaration(const std::string& word) {
  static const std::set<std::string> kWords = {
      "module", "type", "attribute", "typeattribute", "typealias", "bool", "tunable",
      "attribute_role", "roleattribute", "type_transition", "type_change", "type_member",
      "range_transition", "role_transition", "permissive", "class", "sensitivity", "category",
      "auditallow", "neverallow", "allowxperm", "auditallowxperm", "dontauditxperm",
      "neverallowxperm", "typebounds", "expandattribute", "user", "policycap", "sid"};
  return kWords.count(word) != 0;
}

/// m4 macros whose body holds ordinary statements.
bool is_transparent_macro(const std::string& word) {
  return word == "gen_require" || word == "optional_policy" || word == "tunable_policy" ||
         word == "ifdef" || word == "ifndef";
}

class Reader {
 public:
  Reader(std::vector<Token> tokens, const std::string& name, TeModule& module, Diagnostics& diagnostics)
      : tokens_(std::move(tokens)), name_(name), module_(module), diagnostics_(diagnostics) {}

  void read_all() {
    while (pos_ < tokens_.size()) statement();
  }

 private:
  [[nodiscard]] bool at(std::string_view text) const { return pos_ < tokens_.size() && tokens_[pos_].text == text; }
  [[nodiscard]] std::uint64_t line() const {
    return pos_ < tokens_.size() ? tokens_[pos_].line : (tokens_.empty() ? 1 : tokens_.back().line);
  }
  void warn(std::uint64_t at_line, const std::string& message) {
    diagnostics_.warn(SourceLocation{name_, at_line}, message);
  }

  /// Skips to just after the next `;` of this nesting level (error recovery
  /// and declarations); stops before a `}` or `)` that closes the enclosing block.
  void skip_statement() {
    int depth = 0;
    for (; pos_ < tokens_.size(); ++pos_) {
      const std::string& t = tokens_[pos_].text;
      if (t == "{" || t == "(") ++depth;
      if ((t == "}" || t == ")") && depth-- == 0) return;
      if (t == ";" && depth == 0) {
        ++pos_;
        return;
      }
    }
  }

  /// Skips a balanced `( ... )` starting at the `(`, returning its tokens
  /// joined as written (for the interface call note).
  std::string skip_parens() {
    std::string text;
    int depth = 0;
    for (; pos_ < tokens_.size(); ++pos_) {
      const std::string& t = tokens_[pos_].text;
      if (t == "(") ++depth;
      if (t == ")") --depth;
      const bool word_after_word = !text.empty() && is_word_char(text.back()) && is_word_char(t.front());
      text += (word_after_word ? " " : "") + t + (t == "," ? " " : "");
      if (depth == 0) {
        ++pos_;
        break;
      }
    }
    return text;
  }

  void statement() {
    const Token& token = tokens_[pos_];
    const std::string& word = token.text;
    if (word == "}" || word == ")" || word == ";") {  // block ends and stray separators
      ++pos_;
      return;
    }
    if (word == "{") {  // the block of require, if, else, optional
      ++pos_;
      return;
    }
    if (word == "require") {
      ++pos_;
      skip_block();
      return;
    }
    if (word == "if") {
      ++pos_;
      if (at("(")) skip_parens();
      return;  // the braces that follow are read as an ordinary block
    }
    if (word == "else" || word == "optional") {
      ++pos_;
      return;
    }
    if (word == "allow" || word == "dontaudit") {
      ++pos_;
      rule(word == "allow" ? RuleKind::Allow : RuleKind::DontAudit, token.line);
      return;
    }
    if (word == "role") {
      ++pos_;
      role_statement(token.line);
      return;
    }
    if (is_declaration(word)) {
      skip_statement();
      return;
    }
    if (pos_ + 1 < tokens_.size() && tokens_[pos_ + 1].text == "(" && is_valid_identifier(word)) {
      macro_call(token);
      return;
    }
    warn(token.line, "unexpected '" + escape_for_comment(word) + "'; statement skipped");
    skip_line(token.line);
  }

  /// Recovery from garbage: drops the rest of its line (through a `;` there),
  /// so the next line's rule is still read.
  void skip_line(std::uint64_t bad_line) {
    while (pos_ < tokens_.size() && tokens_[pos_].line == bad_line) {
      if (tokens_[pos_++].text == ";") return;
    }
  }

  /// `{ ... }` after require: declarations only, nothing granted.
  void skip_block() {
    if (!at("{")) return skip_statement();
    int depth = 0;
    for (; pos_ < tokens_.size(); ++pos_) {
      if (tokens_[pos_].text == "{") ++depth;
      if (tokens_[pos_].text == "}" && --depth == 0) {
        ++pos_;
        return;
      }
    }
  }

  void macro_call(const Token& token) {
    const std::string word = token.text;
    ++pos_;
    if (word == "policy_module" || word == "gen_tunable" || word == "gen_bool") {
      skip_parens();
      return;
    }
    if (is_transparent_macro(word)) {
      ++pos_;  // `(`; the matching `)` is skipped as a block end
      if (word == "tunable_policy" || word == "ifdef" || word == "ifndef") {
        while (pos_ < tokens_.size() && !at(",")) ++pos_;  // the condition
        ++pos_;
      }
      return;
    }
    const std::string call = word + skip_parens();
    warn(token.line, "interface call " + escape_for_comment(call) +
                         " not expanded; its permissions are not subtracted");
  }

  /// A name or a `{ a b }` set; false (after a warning) for what we cannot
  /// read exactly: `~`, `-exclusions`, an empty set.
  bool names(std::vector<std::string>& out, const char* what) {
    if (at("{")) {
      ++pos_;
      bool readable = true;
      while (pos_ < tokens_.size() && !at("}") && !at(";")) {
        readable = readable && (is_valid_identifier(tokens_[pos_].text) || at("*"));
        out.push_back(tokens_[pos_++].text);
      }
      if (!at("}") || out.empty()) return bad(what);
      if (!readable) {
        ++pos_;  // past the `}`, so the rest of the rule is skipped with it
        return bad(what);
      }
      ++pos_;
      return true;
    }
    if (pos_ < tokens_.size() && (is_valid_identifier(tokens_[pos_].text) || at("*"))) {
      out.push_back(tokens_[pos_++].text);
      return true;
    }
    return bad(what);
  }

  bool bad(const char* what) {
    warn(line(), std::string("cannot read the ") + what + " of this rule; it is not subtracted");
    skip_statement();
    return false;
  }

  /// `allow SOURCES TARGETS:CLASSES PERMS;` (role allows have no `:`).
  void rule(RuleKind kind, std::uint64_t rule_line) {
    std::vector<std::string> sources, targets, classes, perms;
    if (!names(sources, "source types")) return;
    if (!names(targets, "target types")) return;
    if (at(";") && kind == RuleKind::Allow) {  // `allow ROLE ROLE;`
      ++pos_;
      return;
    }
    if (!at(":")) {
      warn(rule_line, "expected ':' after the target types; rule not subtracted");
      return skip_statement();
    }
    ++pos_;
    if (!names(classes, "classes")) return;
    if (!names(perms, "permissions")) return;
    if (!at(";")) {
      warn(rule_line, "expected ';' after the permissions; rule not subtracted");
      return skip_statement();
    }
    ++pos_;
    const std::set<std::string> perm_set(perms.begin(), perms.end());
    for (const auto& source : sources) {
      for (const auto& target : targets) {
        for (const auto& tclass : classes) {
          module_.grant(kind, {source, target == "self" ? source : target, tclass}, perm_set);
        }
      }
    }
  }

  /// `role R types { T U };` (and `role R;` in a require block).
  void role_statement(std::uint64_t role_line) {
    if (pos_ >= tokens_.size() || !is_valid_identifier(tokens_[pos_].text)) {
      warn(role_line, "cannot read this role statement");
      return skip_statement();
    }
    const std::string role = tokens_[pos_++].text;
    if (!at("types")) return skip_statement();
    ++pos_;
    std::vector<std::string> types;
    if (!names(types, "types")) return;
    for (const auto& type : types) module_.grant_role(role, type);
    skip_statement();
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  const std::string& name_;
  TeModule& module_;
  Diagnostics& diagnostics_;
};

}  // namespace

void read_te_module(std::string_view text, const std::string& name, TeModule& module,
                    Diagnostics& diagnostics) {
  Reader(tokenize(text), name, module, diagnostics).read_all();
}

}  // namespace avcsift::te
