#include "avcsift/explain/ignore_list.hpp"

#include <sstream>

#include "avcsift/model/error.hpp"

namespace avcsift::explain {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

[[noreturn]] void malformed(const SourceLocation& where, const std::string& what) {
  throw Error(where.str() + ": " + what, ExitStatus::Usage);
}

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// A field holds name characters and `*`; anything else is most likely a
/// glob or regular expression the user expected to work, so say which.
void check_pattern(const std::string& field, const SourceLocation& where) {
  for (const char c : field) {
    if (name_char(c) || c == '*') continue;
    malformed(where, "bad wildcard '" + std::string(1, c) + "' in '" + field +
                         "': names have letters, digits and '_', and '*' is the only wildcard");
  }
}

/// PERMS as written: `read`, `read write` or `{ read write }`.
std::vector<std::string> permission_patterns(std::vector<std::string> tokens, const SourceLocation& where) {
  if (tokens.empty()) return tokens;
  const bool opens = tokens.front().front() == '{';
  const bool closes = tokens.back().back() == '}';
  if (opens != closes) malformed(where, "unbalanced '{ }' around the permissions");
  if (opens) {
    tokens.front().erase(0, 1);
    tokens.back().pop_back();
  }
  std::vector<std::string> out;
  for (auto& token : tokens) {
    if (token.empty()) continue;
    check_pattern(token, where);
    out.push_back(std::move(token));
  }
  if (opens && out.empty()) malformed(where, "'{ }' lists no permission");
  return out;
}

IgnoreRule parse_rule(const std::string& line, const SourceLocation& where) {
  const auto hash = line.find('#');
  if (hash == std::string::npos) {
    malformed(where, "missing '# reason' comment: say why this access is accepted");
  }
  IgnoreRule rule;
  rule.reason = trimmed(line.substr(hash + 1));
  if (rule.reason.empty()) malformed(where, "empty reason after '#': say why this access is accepted");
  std::istringstream fields(line.substr(0, hash));
  std::vector<std::string> tokens;
  for (std::string token; fields >> token;) tokens.push_back(token);
  if (tokens.size() < 3) {
    malformed(where, "expected SOURCE TARGET CLASS [PERMS] before the reason, found " +
                         std::to_string(tokens.size()) + (tokens.size() == 1 ? " field" : " fields"));
  }
  for (std::size_t i = 0; i < 3; ++i) check_pattern(tokens[i], where);
  rule.source = tokens[0];
  rule.target = tokens[1];
  rule.tclass = tokens[2];
  rule.permissions = permission_patterns({tokens.begin() + 3, tokens.end()}, where);
  rule.where = where;
  return rule;
}

}  // namespace

bool wildcard_match(const std::string& pattern, const std::string& text) {
  // Greedy matching with one backtrack point: the last `*` seen.
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string::npos;
  std::size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

void IgnoreList::read(std::istream& in, const std::string& file) {
  std::string line;
  std::uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string text = trimmed(line);
    if (text.empty() || text.front() == '#') continue;
    rules_.push_back(parse_rule(text, SourceLocation{file, number}));
  }
}

IgnoreMatch IgnoreList::match(const Finding& finding) const {
  IgnoreMatch result;
  result.uncovered = finding.permissions;
  for (const auto& rule : rules_) {
    if (!wildcard_match(rule.source, finding.source_type) || !wildcard_match(rule.target, finding.target_type) ||
        !wildcard_match(rule.tclass, finding.tclass)) {
      continue;
    }
    bool covers = rule.permissions.empty() || finding.permissions.empty();
    for (auto it = result.uncovered.begin(); it != result.uncovered.end();) {
      bool hit = rule.permissions.empty();
      for (const auto& pattern : rule.permissions) hit = hit || wildcard_match(pattern, *it);
      covers = covers || hit;
      it = hit ? result.uncovered.erase(it) : std::next(it);
    }
    // A rule naming only permissions the finding lacks does not touch it.
    if (!covers) {
      for (const auto& pattern : rule.permissions) {
        for (const auto& perm : finding.permissions) covers = covers || wildcard_match(pattern, perm);
      }
    }
    if (covers) result.rules.push_back(rule);
  }
  return result;
}

IgnoreOutcome apply_ignore_list(const IgnoreList& list, std::vector<Finding>& findings) {
  IgnoreOutcome outcome;
  std::vector<Finding> kept;
  for (auto& finding : findings) {
    IgnoreMatch match = list.match(finding);
    if (match.ignored()) {
      outcome.ignored.push_back({std::move(finding), std::move(match.rules)});
    } else {
      kept.push_back(std::move(finding));
      outcome.marks.push_back(std::move(match));
    }
  }
  findings = std::move(kept);
  return outcome;
}

}  // namespace avcsift::explain
