#include "avcsift/refpolicy/statement_reader.hpp"

#include <cctype>

namespace avcsift::refpolicy {
namespace {

bool is_punct(char c) { return c == '{' || c == '}' || c == ':' || c == ';' || c == '(' || c == ')' || c == ','; }

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (is_punct(c)) {
      tokens.emplace_back(1, c);
      ++i;
    } else {
      std::size_t end = i;
      while (end < text.size() && !is_punct(text[end]) && std::isspace(static_cast<unsigned char>(text[end])) == 0) {
        ++end;
      }
      tokens.emplace_back(text.substr(i, end - i));
      i = end;
    }
  }
  return tokens;
}

/// A parameter excluded from a set (`{ file_type -$2 }`) names exceptions,
/// not a type a denial supplies.
void note_exclusion(const std::string& word, ParsedInterface& into) {
  if (word.size() > 1 && word[0] == '-' && is_param(word.substr(1))) {
    into.other_uses[std::stoi(word.substr(2))] = ParamKind::Other;
  }
}

/// Reads one name or a `{ ... }` set (nested sets flattened) at `pos`.
/// `-name` exclusions are dropped; `~` and `*` make the set "everything".
std::vector<std::string> read_set(const std::vector<std::string>& tokens, std::size_t& pos, ParsedInterface& into) {
  std::vector<std::string> items;
  if (pos >= tokens.size()) return items;
  bool complement = false;
  auto take = [&](const std::string& word) {
    if (word == "*" || word.starts_with('~')) {
      complement = true;
      return;
    }
    note_exclusion(word, into);
    if (!word.starts_with('-')) items.push_back(word);
  };
  if (tokens[pos] == "~") {
    complement = true;
    ++pos;
  }
  if (pos < tokens.size() && tokens[pos] == "{") {
    int depth = 0;
    for (; pos < tokens.size(); ++pos) {
      if (tokens[pos] == "{") {
        ++depth;
      } else if (tokens[pos] == "}") {
        if (--depth == 0) {
          ++pos;
          break;
        }
      } else if (tokens[pos] == ";") {
        break;  // malformed: let the caller resynchronize
      } else {
        take(tokens[pos]);
      }
    }
  } else if (pos < tokens.size() && !is_punct(tokens[pos][0])) {
    take(tokens[pos]);
    ++pos;
  }
  if (complement) return {"*"};
  return items;
}

void skip_statement(const std::vector<std::string>& tokens, std::size_t& pos) {
  while (pos < tokens.size() && tokens[pos] != ";") ++pos;
  if (pos < tokens.size()) ++pos;
}

int param_number(const std::string& word) { return std::stoi(word.substr(1)); }

void read_allow(const std::vector<std::string>& tokens, std::size_t& pos, ParsedInterface& into) {
  const auto sources = read_set(tokens, pos, into);
  const auto targets = read_set(tokens, pos, into);
  if (pos >= tokens.size() || tokens[pos] != ":") {
    // `allow ROLE ROLE;`: a role allow rule.
    for (const auto& list : {sources, targets}) {
      for (const auto& word : list) {
        if (is_param(word)) into.other_uses[param_number(word)] = ParamKind::Other;
      }
    }
    skip_statement(tokens, pos);
    return;
  }
  ++pos;
  const auto classes = read_set(tokens, pos, into);
  const auto perms = read_set(tokens, pos, into);
  skip_statement(tokens, pos);
  std::set<std::string> perm_set(perms.begin(), perms.end());
  for (const auto& word : perm_set) {
    if (is_param(word)) into.other_uses[param_number(word)] = ParamKind::Other;
  }
  if (perm_set.empty()) return;
  for (const auto& source : sources) {
    for (const auto& target : targets) {
      for (const auto& tclass : classes) into.rules.push_back({source, target, tclass, perm_set});
    }
  }
}

void read_call(const std::string& name, const std::vector<std::string>& tokens, std::size_t& pos,
               ParsedInterface& into) {
  InterfaceCall call{name, {}};
  ++pos;  // '('
  std::vector<std::string> current;
  int depth = 0;
  for (; pos < tokens.size(); ++pos) {
    const std::string& token = tokens[pos];
    if (token == "(") {
      ++depth;
    } else if (token == ")" && depth > 0) {
      --depth;
    } else if (token == ")" || (token == "," && depth == 0)) {
      call.args.push_back(std::move(current));
      current.clear();
      if (token == ")") {
        ++pos;
        break;
      }
    } else if (token != "{" && token != "}" && !token.starts_with('-')) {
      current.push_back(token);
    } else {
      note_exclusion(token, into);
    }
  }
  // f() passes no argument at all.
  if (call.args.size() == 1 && call.args[0].empty()) call.args.clear();
  into.calls.push_back(std::move(call));
}

}  // namespace

void read_statements(std::string_view text, ParsedInterface& into) {
  const auto tokens = tokenize(text);
  std::size_t pos = 0;
  while (pos < tokens.size()) {
    const std::string& word = tokens[pos];
    if (word.size() == 1 && is_punct(word[0])) {
      ++pos;
    } else if (pos + 1 < tokens.size() && tokens[pos + 1] == "(") {
      ++pos;
      read_call(word, tokens, pos, into);
    } else if (word == "allow") {
      ++pos;
      read_allow(tokens, pos, into);
    } else if (word == "role" || word == "roleattribute" || word == "role_transition") {
      for (; pos < tokens.size() && tokens[pos] != ";"; ++pos) {
        if (is_param(tokens[pos])) into.other_uses[param_number(tokens[pos])] = ParamKind::Other;
      }
    } else if (word == "type_transition" || word == "type_change" || word == "type_member" ||
               word == "range_transition") {
      std::size_t end = pos;
      while (end < tokens.size() && tokens[end] != ";") ++end;
      // The new type is the last word; a quoted file name may follow it.
      for (std::size_t i = end; i > pos + 1; --i) {
        const std::string& last = tokens[i - 1];
        if (last.starts_with('"')) continue;
        if (is_param(last)) into.other_uses[param_number(last)] = ParamKind::Other;
        break;
      }
      pos = end;
    } else if (word == "dontaudit" || word == "auditallow" || word == "neverallow" || word == "typeattribute" ||
               word == "type" || word == "attribute" || word == "typealias" || word == "allowxperm" ||
               word == "dontauditxperm" || word == "class" || word == "permissive" || word == "bool" ||
               word == "attribute_role" || word == "typebounds") {
      skip_statement(tokens, pos);  // grants nothing a denial asks for
    } else {
      ++pos;  // a stray word (a test's leftover): skip only it, so no call is lost
    }
  }
}

}  // namespace avcsift::refpolicy
