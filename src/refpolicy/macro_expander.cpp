#include "avcsift/refpolicy/macro_expander.hpp"

namespace avcsift::refpolicy {
namespace {

/// Deep enough for refpolicy's support macros (a few levels), shallow enough
/// to stop a self-referencing define long before the stack does.
constexpr int kMaxDepth = 64;

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

/// Index of the quote closing the one opened at `open` (nested quotes count).
std::size_t closing_quote(std::string_view text, std::size_t open) {
  int level = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '`') ++level;
    if (text[i] == '\'' && --level == 0) return i;
  }
  throw MacroError("unterminated quote");
}

std::size_t end_of_line(std::string_view text, std::size_t pos) {
  const auto newline = text.find('\n', pos);
  return newline == std::string_view::npos ? text.size() : newline;
}

}  // namespace

std::string substitute_macro_args(std::string_view body, const std::string& name,
                                  const std::vector<std::string>& args) {
  std::string out;
  out.reserve(body.size());
  const auto joined = [&](bool quoted) {
    std::string all;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i > 0) all += ',';
      all += quoted ? "`" + args[i] + "'" : args[i];
    }
    return all;
  };
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '$' || i + 1 >= body.size()) {
      out += body[i];
      continue;
    }
    const char next = body[i + 1];
    if (next >= '0' && next <= '9') {
      const auto index = static_cast<std::size_t>(next - '0');
      if (index == 0) {
        out += name;
      } else if (index <= args.size()) {
        out += args[index - 1];
      }
    } else if (next == '#') {
      out += std::to_string(args.size());
    } else if (next == '*') {
      out += joined(false);
    } else if (next == '@') {
      out += joined(true);
    } else {
      out += '$';
      continue;
    }
    ++i;
  }
  return out;
}

std::string MacroExpander::expand(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  expand_into(text, out, 0);
  return out;
}

void MacroExpander::expand_into(std::string_view text, std::string& out, int depth) {
  if (depth > kMaxDepth) throw MacroError("macros nest deeper than " + std::to_string(kMaxDepth) + " levels");
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '`') {
      const std::size_t close = closing_quote(text, i);
      out.append(text.substr(i + 1, close - i - 1));
      i = close + 1;
    } else if (c == '#') {
      // Comments are dropped: they can hold any text, quotes included.
      i = end_of_line(text, i);
    } else if (is_word_char(c)) {
      std::size_t end = i;
      while (end < text.size() && is_word_char(text[end])) ++end;
      const std::string word(text.substr(i, end - i));
      i = end;
      if (!is_name_start(word[0])) {
        out += word;
        continue;
      }
      if (word == "dnl") {
        i = std::min(text.size(), end_of_line(text, i) + 1);
        continue;
      }
      const bool called = i < text.size() && text[i] == '(';
      std::vector<std::string> args;
      std::size_t after = i;
      if (called) args = collect_args(text, after, depth);
      std::string result;
      if (!apply(word, args, called, result)) {
        out += word;  // not a macro: its arguments are scanned as ordinary text
        continue;
      }
      i = after;
      expand_into(result, out, depth + 1);
    } else {
      out += c;
      ++i;
    }
  }
}

std::vector<std::string> MacroExpander::collect_args(std::string_view text, std::size_t& pos, int depth) {
  std::vector<std::string> args;
  std::size_t start = pos + 1;
  int parens = 0;
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '`') {
      i = closing_quote(text, i);
    } else if (c == '#') {
      i = end_of_line(text, i);
    } else if (c == '(') {
      ++parens;
    } else if ((c == ',' && parens == 0) || (c == ')' && parens == 0)) {
      std::string_view raw = text.substr(start, i - start);
      while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t' || raw.front() == '\n')) raw.remove_prefix(1);
      std::string arg;
      expand_into(raw, arg, depth + 1);
      args.push_back(std::move(arg));
      start = i + 1;
      if (c == ')') {
        pos = i + 1;
        return args;
      }
    } else if (c == ')') {
      --parens;
    }
  }
  throw MacroError("unterminated argument list");
}

bool MacroExpander::apply(const std::string& name, const std::vector<std::string>& args, bool called,
                          std::string& result) {
  const auto arg = [&](std::size_t index) { return index < args.size() ? args[index] : std::string(); };
  if (name == "define" && called) {
    table_.defines[arg(0)] = arg(1);
    table_.symbols.insert(arg(0));
  } else if ((name == "interface" || name == "template") && called) {
    definitions_.push_back(
        {name == "interface" ? DefinitionKind::Interface : DefinitionKind::Template, arg(0), arg(1)});
  } else if (name == "ifdef" || name == "ifndef") {
    const bool defined = table_.symbols.count(arg(0)) != 0;
    result = defined == (name == "ifdef") ? arg(1) : arg(2);
  } else if (name == "ifelse") {
    // ifelse(A, B, THEN, C, D, THEN2, ..., ELSE)
    std::size_t i = 0;
    for (; i + 2 < args.size(); i += 3) {
      if (args[i] == args[i + 1]) {
        result = args[i + 2];
        return true;
      }
    }
    if (i < args.size() && args.size() > 2) result = args[i];
  } else if (name == "optional_policy" || name == "tunable_policy") {
    result = name == "optional_policy" ? arg(0) : arg(1);
  } else if (name == "gen_require" || name == "require" || name == "refpolicywarn" ||
             name == "refpolicyerr" || name == "errprint" || name == "gen_tunable" || name == "gen_bool") {
    // Declarations and messages grant nothing.
  } else {
    const auto found = table_.defines.find(name);
    if (found == table_.defines.end()) return false;
    result = substitute_macro_args(found->second, name, args);
  }
  return true;
}

}  // namespace avcsift::refpolicy
