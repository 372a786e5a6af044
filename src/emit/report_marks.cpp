#include "report_marks.hpp"

namespace avcsift::emit {
namespace {

std::string spaced(const std::set<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

std::string times(std::uint64_t count) { return std::to_string(count) + (count == 1 ? " time" : " times"); }

}  // namespace

std::string baseline_phrase(const explain::BaselineMark& mark) {
  switch (mark.status) {
    case explain::BaselineStatus::Seen: return "seen (" + times(mark.old_count) + " in the baseline)";
    case explain::BaselineStatus::New: break;
  }
  if (!mark.known) return "new";
  return "new: " + spaced(mark.new_permissions) + " not in the baseline (the rest seen " + times(mark.old_count) +
         ")";
}

std::string partial_ignore_phrase(const explain::IgnoreMatch& match) {
  return "partly accepted by " + ignore_rules_phrase(match.rules) + "; not accepted: " + spaced(match.uncovered);
}

std::string ignore_rules_phrase(const std::vector<explain::IgnoreRule>& rules) {
  std::string out;
  for (const auto& rule : rules) out += (out.empty() ? "" : "; ") + rule.where.str() + " (" + rule.reason + ")";
  return out;
}

std::string access_phrase(const std::string& source, const std::string& target, const std::string& tclass,
                          const std::set<std::string>& permissions) {
  std::string out = source + ' ' + target + ':' + tclass;
  if (!permissions.empty()) out += " { " + spaced(permissions) + " }";
  return out;
}

}  // namespace avcsift::emit
