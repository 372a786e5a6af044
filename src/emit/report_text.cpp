#include "avcsift/emit/report_text.hpp"

#include <algorithm>
#include <ostream>

#include "avcsift/explain/fix_advisor.hpp"
#include "avcsift/model/identifier.hpp"
#include "report_marks.hpp"

namespace avcsift::emit {
namespace {

const char* color_of(explain::Severity severity) {
  switch (severity) {
    case explain::Severity::High: return "\033[1;31m";
    case explain::Severity::Medium: return "\033[33m";
    case explain::Severity::Low: return "\033[36m";
  }
  return "";
}

std::string upper(const char* text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

std::string list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + escape_for_comment(item);
  return out;
}

void write_summary(std::ostream& out, const ReportSummary& s) {
  out << "avcsift report\n";
  out << "  inputs:        " << (s.inputs.empty() ? "<stdin>" : list(s.inputs));
  if (s.inputs_failed > 0) out << " (" << s.inputs_failed << " could not be read)";
  out << '\n';
  out << "  read:          " << s.lines << " lines, " << s.events << " events, " << s.parse_warnings
      << " parse warnings\n";
  out << "  denials:       " << s.denials << " (" << (s.denials - s.permissive_denials) << " enforcing, "
      << s.permissive_denials << " permissive), " << s.distinct_rules << " distinct rules, " << s.hidden_failures
      << " failed system calls without AVC";
  if (s.selinux_errors > 0) out << ", " << s.selinux_errors << " other SELINUX_ERR reports";
  out << '\n';
  if (shows_hosts(s)) out << "  hosts:         " << hosts_phrase(s.nodes) << '\n';
  if (s.first_seen && s.last_seen) {
    out << "  time span:     " << s.first_seen->described() << " to " << s.last_seen->described() << '\n';
  }
  out << "  policy:        " << (s.policy.empty() ? "none (reasons unknown)" : escape_for_comment(s.policy)) << '\n';
  out << "  file_contexts: " << (s.file_contexts.empty() ? "none" : escape_for_comment(s.file_contexts)) << '\n';
  if (!s.app_roots.empty()) out << "  app roots:     " << list(s.app_roots) << '\n';
  if (!s.app_types.empty()) out << "  app types:     " << list(s.app_types) << '\n';
  if (!s.denials_per_domain.empty()) {
    out << "  per domain:   ";
    for (const auto& [domain, count] : s.denials_per_domain) out << ' ' << domain << '=' << count;
    out << '\n';
  }
  if (s.baseline) {
    out << "  baseline:      " << escape_for_comment(s.baseline->file) << ": " << s.baseline->new_count() << " new, "
        << s.baseline->seen_count() << " seen, " << s.baseline->gone.size() << " gone\n";
  }
  if (s.ignores) {
    out << "  ignored:       " << s.ignores->ignored.size() << " findings accepted by " << list(s.ignores->files)
        << " (listed at the end)\n";
  }
  for (const auto& skipped : s.skipped_checks) out << "  note: " << skipped << '\n';
}

/// The findings --ignore set aside and those the baseline had that are gone.
void write_set_aside(std::ostream& out, const ReportSummary& s) {
  if (s.baseline && !s.baseline->gone.empty()) {
    out << "\nGone since the baseline (" << s.baseline->gone.size() << "):\n";
    for (const auto& entry : s.baseline->gone) {
      out << "  - " << access_phrase(entry.source_type, entry.target_type, entry.tclass, entry.permissions) << ", "
          << entry.count << (entry.count == 1 ? " time" : " times") << " then: " << escape_for_comment(entry.sentence)
          << '\n';
    }
  }
  if (s.ignores && !s.ignores->ignored.empty()) {
    out << "\nIgnored (" << s.ignores->ignored.size() << "):\n";
    for (const auto& [f, rules] : s.ignores->ignored) {
      out << "  - " << access_phrase(f.source_type, f.target_type, f.tclass, f.permissions) << ", " << f.count
          << (f.count == 1 ? " time" : " times") << ": " << escape_for_comment(ignore_rules_phrase(rules)) << '\n';
    }
  }
}

void write_finding(std::ostream& out, std::size_t index, const explain::Finding& f, const ReportSummary& s,
                   TextStyle style) {
  const auto severity = f.severity();
  const std::string tag = severity ? upper(explain::severity_name(*severity)) : "INFO";
  out << '\n' << index << ". ";
  if (style.color && severity) {
    out << color_of(*severity) << '[' << tag << "]\033[0m ";
  } else {
    out << '[' << tag << "] ";
  }
  out << f.sentence << '\n';
  out << "   seen " << f.count << (f.count == 1 ? " time" : " times") << ", " << f.first_seen.described();
  if (f.last_seen != f.first_seen) out << " to " << f.last_seen.described();
  if (f.permissive_count > 0) out << " (" << f.permissive_count << " permissive)";
  out << '\n';
  if (shows_hosts(s) && !f.nodes.empty()) out << "   " << hosts_phrase(f.nodes) << '\n';
  if (s.baseline) out << "   baseline:    " << baseline_phrase(s.baseline->marks[index - 1]) << '\n';
  if (s.ignores && s.ignores->marks[index - 1].partial()) {
    out << "   ignore:      " << escape_for_comment(partial_ignore_phrase(s.ignores->marks[index - 1])) << '\n';
  }
  if (!f.commands.empty()) out << "   commands:    " << list(f.commands) << '\n';
  if (!f.executables.empty()) out << "   executables: " << list(f.executables) << '\n';
  if (!f.paths.empty()) out << "   paths:       " << list(f.paths) << '\n';
  out << "   reason:      " << escape_for_comment(f.reason) << '\n';
  if (!f.flags.empty()) {
    out << "   flags:\n";
    for (const auto& flag : f.flags) {
      out << "     ";
      if (style.color) out << color_of(flag.severity);
      out << explain::severity_name(flag.severity);
      if (style.color) out << "\033[0m";
      out << ' ' << explain::flag_name(flag.id) << ": " << flag.message << '\n';
    }
  }
  out << "   fixes, best first:\n";
  std::size_t n = 0;
  for (const auto& fix : f.fixes) {
    out << "     " << ++n << ". " << explain::fix_kind_name(fix.kind) << ": " << escape_for_comment(fix.explanation)
        << '\n';
    std::size_t start = 0;
    while (start <= fix.command.size()) {
      const auto end = fix.command.find('\n', start);
      // Commands are built from validated identifiers and shell-safe paths
      // (fix_advisor), so they print as they are, backslashes included.
      out << "          " << fix.command.substr(start, end - start) << '\n';
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
}

/// --by-node: the hosts with findings no other host has first (most first),
/// then the rest, each by name: the odd host out heads the list.
void write_by_node(std::ostream& out, const ReportSummary& s, const std::vector<explain::Finding>& findings) {
  if (!s.by_node) return;
  std::vector<const NodeEntry*> order;
  for (const auto& entry : *s.by_node) order.push_back(&entry);
  std::stable_sort(order.begin(), order.end(), [](const NodeEntry* a, const NodeEntry* b) {
    return a->only_here.size() > b->only_here.size();
  });
  out << "\nHosts (" << order.size() << "):\n";
  for (const NodeEntry* entry : order) out << "  " << node_entry_phrase(*entry, findings) << '\n';
}

}  // namespace

void write_report_text(std::ostream& out, const ReportSummary& summary,
                       const std::vector<explain::Finding>& findings, TextStyle style) {
  write_summary(out, summary);
  if (findings.empty()) out << "\nNo denials found" << (summary.ignores && !summary.ignores->ignored.empty() ? " but those ignored" : "") << ".\n";
  std::size_t index = 0;
  for (const auto& finding : findings) write_finding(out, ++index, finding, summary, style);
  write_set_aside(out, summary);
  write_by_node(out, summary, findings);
}

}  // namespace avcsift::emit
