#include "report_marks.hpp"

#include <cmath>

#include "avcsift/model/identifier.hpp"

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

namespace avcsift::emit {

std::string hosts_phrase(const NodeSet& nodes) {
  if (nodes.empty()) return {};
  const std::uint64_t count = nodes.count();
  std::string out = "seen on ";
  if (!nodes.exact()) out += "about ";
  out += std::to_string(count) + (count == 1 ? " host" : " hosts");
  if (!nodes.exact()) {
    // In tenths of a percent by integer arithmetic: no locale decides the decimal point.
    const auto tenths = static_cast<long>(std::lround(nodes.relative_error() * 1000.0));
    out += " (±" + std::to_string(tenths / 10) + '.' + std::to_string(tenths % 10) + "%)";
  }
  std::string names;
  for (const auto& host : nodes.sample()) names += (names.empty() ? "" : ", ") + escape_for_comment(host.name);
  if (count > nodes.sample().size()) names += ", ...";
  return out + " (" + names + ')';
}

std::string node_entry_phrase(const NodeEntry& entry, const std::vector<explain::Finding>& findings) {
  const std::size_t n = entry.findings.size();
  std::string out = escape_for_comment(entry.node) + ": " + std::to_string(n) + (n == 1 ? " finding" : " findings");
  if (entry.only_here.empty()) return out;
  out += ", " + std::to_string(entry.only_here.size()) + " only here: ";
  for (std::size_t i = 0; i < entry.only_here.size(); ++i) {
    const auto& f = findings[entry.only_here[i]];
    out += (i == 0 ? "" : ", ") + access_phrase(f.source_type, f.target_type, f.tclass, f.permissions);
  }
  return out;
}

}  // namespace avcsift::emit
