#include "avcsift/explain/module_types.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "avcsift/model/error.hpp"
#include "avcsift/model/identifier.hpp"

namespace avcsift::explain {
namespace {

/// The text with `#` comments removed.
std::string strip_comments(std::string_view te) {
  std::string out;
  bool comment = false;
  for (const char c : te) {
    if (c == '#') comment = true;
    if (c == '\n') comment = false;
    if (!comment) out += c;
  }
  return out;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::vector<std::string> read_module_types(std::string_view te) {
  // Statements end with ';' or are blocks: split the text into words and
  // punctuation, then read `type NAME` at the start of a statement.
  const std::string text = strip_comments(te);
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < text.size();) {
    if (is_name_char(text[i])) {
      std::size_t end = i;
      while (end < text.size() && is_name_char(text[end])) ++end;
      tokens.emplace_back(text.substr(i, end - i));
      i = end;
    } else {
      if (text[i] == ';' || text[i] == '{' || text[i] == '}' || text[i] == '(' || text[i] == ')' ||
          text[i] == ',') {
        tokens.emplace_back(1, text[i]);
      }
      ++i;
    }
  }
  std::set<std::string> types;
  int require_depth = 0;
  int depth = 0;
  bool statement_start = true;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    if (token == "{") {
      ++depth;
      statement_start = true;
      continue;
    }
    if (token == "}") {
      if (require_depth > 0 && depth == require_depth) require_depth = 0;
      if (depth > 0) --depth;
      statement_start = true;
      continue;
    }
    if (token == ";" || token == ")") {
      statement_start = true;
      continue;
    }
    if (statement_start && (token == "require" || token == "gen_require") && require_depth == 0) {
      require_depth = depth + 1;
    }
    if (statement_start && token == "type" && require_depth == 0 && i + 1 < tokens.size() &&
        is_valid_identifier(tokens[i + 1])) {
      types.insert(tokens[i + 1]);
    }
    statement_start = false;
  }
  return {types.begin(), types.end()};
}

std::vector<std::string> read_module_types_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read application module '" + escape_for_comment(path) + "'");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw Error("cannot read application module '" + escape_for_comment(path) + "'");
  return read_module_types(text.str());
}

}  // namespace avcsift::explain
