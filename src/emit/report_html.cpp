// `avcsift report --format html`. Every string that can come from a log goes
// through html_log_text() or html_escape(); numbers and our own words are
// written as they are.
#include "avcsift/emit/report_html.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <string>

#include "avcsift/explain/fix_advisor.hpp"
#include "avcsift/model/verdict.hpp"
#include "html_text.hpp"
#include "html_timeline.hpp"
#include "report_html_page.hpp"
#include "report_marks.hpp"

namespace avcsift::emit {
namespace {

const char* severity_key(const explain::Finding& finding) {
  const auto severity = finding.severity();
  return severity ? explain::severity_name(*severity) : "info";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + html_log_text(item);
  return out;
}

void card(std::ostream& out, const char* title, const std::string& value_html, bool wide = false) {
  out << "<div class=\"card" << (wide ? " wide" : "") << "\"><dt>" << title << "</dt><dd>" << value_html
      << "</dd></div>\n";
}

void write_summary(std::ostream& out, const ReportSummary& s, const std::vector<explain::Finding>& findings) {
  out << "<h1>avcsift report</h1>\n<p class=\"sub\">";
  if (s.first_seen && s.last_seen) {
    // described(): a guessed year (a syslog line has none) is marked, as in the text report.
    out << html_escape(s.first_seen->described()) << " to " << html_escape(s.last_seen->described());
  } else {
    out << "no denials";
  }
  out << "</p>\n<dl class=\"cards\">\n";
  card(out, "Denials",
       std::to_string(s.denials) + " <small>" + std::to_string(s.denials - s.permissive_denials) + " enforcing, " +
           std::to_string(s.permissive_denials) + " permissive</small>");
  card(out, "Distinct rules", std::to_string(s.distinct_rules));
  if (shows_hosts(s)) card(out, "Hosts", html_escape(hosts_phrase(s.nodes)), true);
  if (s.baseline) {
    card(out, "Baseline",
         std::to_string(s.baseline->new_count()) + " new <small>" + std::to_string(s.baseline->seen_count()) +
             " seen, " + std::to_string(s.baseline->gone.size()) + " gone</small>");
  }
  if (s.ignores) {
    card(out, "Ignored", std::to_string(s.ignores->ignored.size()) + " <small>accepted findings</small>");
  }
  card(out, "Hidden failures", std::to_string(s.hidden_failures) + " <small>failed calls without AVC</small>");
  card(out, "Read",
       std::to_string(s.lines) + " <small>lines, " + std::to_string(s.events) + " events, " +
           std::to_string(s.parse_warnings) + " parse warnings</small>");
  std::string inputs = s.inputs.empty() ? "&lt;stdin&gt;" : joined(s.inputs);
  if (s.inputs_failed > 0) inputs += " <small>(" + std::to_string(s.inputs_failed) + " could not be read)</small>";
  card(out, "Inputs", inputs, true);
  card(out, "Policy", s.policy.empty() ? "none <small>(reasons unknown)</small>" : html_log_text(s.policy), true);
  card(out, "file_contexts", s.file_contexts.empty() ? "none" : html_log_text(s.file_contexts), true);
  if (!s.app_roots.empty()) card(out, "App roots", joined(s.app_roots), true);
  if (!s.app_types.empty()) card(out, "App types", joined(s.app_types), true);
  if (s.baseline) card(out, "Baseline file", html_log_text(s.baseline->file), true);
  if (s.ignores) card(out, "Ignore files", joined(s.ignores->files), true);
  out << "</dl>\n<p class=\"chips\">";
  std::map<std::string, std::size_t> per_severity;
  for (const auto& finding : findings) ++per_severity[severity_key(finding)];
  for (const char* key : {"high", "medium", "low", "info"}) {
    out << "<span class=\"chip sev-" << key << "\">" << per_severity[key] << ' ' << key << "</span>";
  }
  out << "</p>\n";
  for (const auto& skipped : s.skipped_checks) out << "<p class=\"note\">Note: " << html_escape(skipped) << "</p>\n";
}

void write_domains(std::ostream& out, const ReportSummary& s) {
  if (s.denials_per_domain.empty()) return;
  out << "<details><summary>Denials per source domain (" << s.denials_per_domain.size()
      << ")</summary>\n<table><tr><th>domain</th><th class=\"num\">denials</th></tr>\n";
  for (const auto& [domain, count] : s.denials_per_domain) {
    out << "<tr><td>" << html_escape(domain) << "</td><td class=\"num\">" << count << "</td></tr>\n";
  }
  out << "</table></details>\n";
}

void write_cycles(std::ostream& out, const DenialTimeline& timeline) {
  const auto& cycles = timeline.cycles();
  if (cycles.size() < 2) return;
  out << "<h2>Break cycles</h2>\n<p class=\"note\">A cycle starts at each input and each policy load. "
         "A module converges when later cycles bring few new rules.</p>\n"
         "<table id=\"cycles\"><tr><th class=\"num\">cycle</th><th>input</th><th>started by</th><th>from</th>"
         "<th>to</th><th class=\"num\">denials</th><th class=\"num\">distinct rules</th>"
         "<th class=\"num\">new</th><th class=\"num\">already seen</th></tr>\n";
  std::size_t index = 0;
  for (const auto& cycle : cycles) {
    out << "<tr><td class=\"num\">" << ++index << "</td><td>" << html_log_text(cycle.input) << "</td><td>"
        << (cycle.started_by == CycleStart::PolicyLoad ? "policy load" : "input") << "</td><td>"
        << html_escape(cycle.start.iso8601()) << "</td><td>" << html_escape(cycle.end.iso8601())
        << "</td><td class=\"num\">" << cycle.denials << "</td><td class=\"num\">" << cycle.rules.size()
        << "</td><td class=\"num\">" << cycle.new_rules << "</td><td class=\"num\">"
        << cycle.rules.size() - cycle.new_rules << "</td></tr>\n";
  }
  out << "</table>\n";
}

/// The finding's --baseline mark as a badge (new, seen) for its heading.
std::string baseline_badge(const explain::BaselineMark& mark) {
  const char* status = explain::baseline_status_name(mark.status);
  return std::string("<span class=\"mark-") + status + "\" title=\"" + html_escape(baseline_phrase(mark)) + "\">" +
         status + "</span> ";
}

void write_finding(std::ostream& out, std::size_t index, const explain::Finding& f, const ReportSummary& s) {
  const char* key = severity_key(f);
  const explain::BaselineMark* mark = s.baseline ? &s.baseline->marks[index - 1] : nullptr;
  out << "<article class=\"finding " << key << "\" id=\"f" << index << "\" data-severity=\"" << key << '"';
  if (mark != nullptr) out << " data-baseline=\"" << explain::baseline_status_name(mark->status) << '"';
  out << ">\n<h3><span class=\"chip sev-" << key << "\">" << key << "</span> "
      << (mark != nullptr ? baseline_badge(*mark) : "") << html_escape(f.sentence)
      << "</h3>\n<p class=\"meta\">seen " << f.count << (f.count == 1 ? " time" : " times") << ", "
      << html_escape(f.first_seen.described());
  if (f.last_seen != f.first_seen) out << " to " << html_escape(f.last_seen.described());
  if (f.permissive_count > 0) out << " (" << f.permissive_count << " permissive)";
  out << "</p>\n";
  if (shows_hosts(s) && !f.nodes.empty()) out << "<p class=\"meta hosts\">" << html_escape(hosts_phrase(f.nodes)) << "</p>\n";
  out << "<dl class=\"facts\">";
  if (f.kind == explain::FindingKind::Denial) {
    std::string perms;
    for (const auto& perm : f.permissions) perms += (perms.empty() ? "" : " ") + html_escape(perm);
    out << "<dt>access</dt><dd><code>" << html_escape(f.source_type) << " &#8594; " << html_escape(f.target_type)
        << ':' << html_escape(f.tclass) << " { " << perms << " }</code></dd>";
  }
  if (mark != nullptr) out << "<dt>baseline</dt><dd>" << html_escape(baseline_phrase(*mark)) << "</dd>";
  if (s.ignores && s.ignores->marks[index - 1].partial()) {
    out << "<dt>ignore</dt><dd>" << html_log_text(partial_ignore_phrase(s.ignores->marks[index - 1])) << "</dd>";
  }
  if (!f.commands.empty()) out << "<dt>commands</dt><dd>" << joined(f.commands) << "</dd>";
  if (!f.executables.empty()) out << "<dt>executables</dt><dd>" << joined(f.executables) << "</dd>";
  if (!f.paths.empty()) out << "<dt>paths</dt><dd>" << joined(f.paths) << "</dd>";
  out << "<dt>reason</dt><dd>" << html_log_text(f.reason) << "</dd></dl>\n";
  if (!f.flags.empty()) {
    out << "<ul class=\"flags\">";
    for (const auto& flag : f.flags) {
      const char* severity = explain::severity_name(flag.severity);
      out << "<li><span class=\"sevtag sev-" << severity << "\">" << severity << "</span><span class=\"kind\">"
          << explain::flag_name(flag.id) << "</span>: " << html_escape(flag.message) << "</li>";
    }
    out << "</ul>\n";
  }
  out << "<ol class=\"fixes\">";
  for (const auto& fix : f.fixes) {
    // The command alone in the <pre>, so selecting it copies only the command.
    out << "<li><span class=\"kind\">" << explain::fix_kind_name(fix.kind) << "</span>: "
        << html_log_text(fix.explanation) << "<pre><code>" << html_escape(fix.command) << "</code></pre></li>";
  }
  out << "</ol>\n</article>\n";
}

void write_findings(std::ostream& out, const std::vector<explain::Finding>& findings, const ReportSummary& s) {
  out << "<div id=\"findings\">\n";
  if (findings.empty()) out << "<p class=\"note\">No denials found.</p>\n";
  std::string group;
  std::size_t index = 0;
  for (const auto& finding : findings) {
    const std::string key = severity_key(finding);
    if (key != group) {
      if (!group.empty()) out << "</section>\n";
      group = key;
      std::size_t count = 0;
      for (const auto& other : findings) count += severity_key(other) == key ? 1 : 0;
      out << "<section class=\"group\" id=\"sev-" << key << "\"><h2>"
          << (key == "info" ? std::string("No flags") : "Severity " + key) << " (" << count << ")</h2>\n";
    }
    write_finding(out, ++index, finding, s);
  }
  if (!group.empty()) out << "</section>\n";
  out << "</div>\n";
}

/// What the baseline had that is gone, and what --ignore set aside: tables,
/// so the reader sees nothing was dropped.
void write_set_aside(std::ostream& out, const ReportSummary& s) {
  if (s.baseline && !s.baseline->gone.empty()) {
    out << "<h2>Gone since the baseline (" << s.baseline->gone.size()
        << ")</h2>\n<table id=\"gone\"><tr><th>access</th><th class=\"num\">count then</th><th>what the baseline "
           "said</th></tr>\n";
    for (const auto& e : s.baseline->gone) {
      out << "<tr><td><code>" << html_escape(access_phrase(e.source_type, e.target_type, e.tclass, e.permissions))
          << "</code></td><td class=\"num\">" << e.count << "</td><td>" << html_log_text(e.sentence)
          << "</td></tr>\n";
    }
    out << "</table>\n";
  }
  if (s.ignores && !s.ignores->ignored.empty()) {
    out << "<h2>Ignored (" << s.ignores->ignored.size()
        << ")</h2>\n<table id=\"ignored\"><tr><th>access</th><th class=\"num\">count</th><th>accepted by</th>"
           "</tr>\n";
    for (const auto& [f, rules] : s.ignores->ignored) {
      out << "<tr class=\"ignored\"><td><code>"
          << html_escape(access_phrase(f.source_type, f.target_type, f.tclass, f.permissions))
          << "</code></td><td class=\"num\">" << f.count << "</td><td>" << html_log_text(ignore_rules_phrase(rules))
          << "</td></tr>\n";
    }
    out << "</table>\n";
  }
}

/// --by-node: a row per host, by name, its findings only it has linked.
void write_by_node(std::ostream& out, const ReportSummary& s, const std::vector<explain::Finding>& findings) {
  if (!s.by_node) return;
  out << "<h2>Hosts (" << s.by_node->size()
      << ")</h2>\n<table id=\"by-node\"><tr><th>host</th><th class=\"num\">denials</th><th class=\"num\">"
         "findings</th><th>only on this host</th></tr>\n";
  for (const auto& entry : *s.by_node) {
    out << "<tr" << (entry.only_here.empty() ? "" : " class=\"odd-host\"") << "><td>" << html_log_text(entry.node)
        << "</td><td class=\"num\">" << entry.denials << "</td><td class=\"num\">" << entry.findings.size()
        << "</td><td>";
    for (std::size_t i = 0; i < entry.only_here.size(); ++i) {
      const auto& f = findings[entry.only_here[i]];
      out << (i == 0 ? "" : ", ") << "<a href=\"#f" << entry.only_here[i] + 1 << "\"><code>"
          << html_escape(access_phrase(f.source_type, f.target_type, f.tclass, f.permissions)) << "</code></a>";
    }
    out << "</td></tr>\n";
  }
  out << "</table>\n";
}

/// The allow rules of every finding, per source domain, as `allow` prints a fragment.
void write_rules(std::ostream& out, const std::vector<explain::Finding>& findings) {
  std::map<std::string, std::vector<std::string>> per_domain;
  for (const auto& finding : findings) {
    for (const auto& fix : finding.fixes) {
      if (fix.kind == explain::FixKind::AllowRule && fix.command.rfind("allow ", 0) == 0) {
        per_domain[finding.source_type].push_back(fix.command);
      }
    }
  }
  if (per_domain.empty()) return;
  out << "<h2>Allow rules</h2>\n<p class=\"note\">What audit2allow would write for this report, as a .te "
         "fragment: only after reviewing the findings above.</p>\n<pre id=\"te\"><code>";
  bool first = true;
  for (auto& [domain, rules] : per_domain) {
    std::sort(rules.begin(), rules.end());
    out << (first ? "" : "\n") << "#============= " << html_escape(domain) << " ==============\n";
    for (const auto& rule : rules) out << html_escape(rule) << '\n';
    first = false;
  }
  out << "</code></pre>\n";
}

}  // namespace

void write_report_html(std::ostream& out, const ReportSummary& summary,
                       const std::vector<explain::Finding>& findings) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "img-src data:; script-src "
      << kReportScriptHash
      << "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"avcsift\">\n<title>avcsift report</title>\n<style>"
      << kReportCss << "</style>\n</head>\n<body>\n<main>\n";
  write_summary(out, summary, findings);
  out << "<h2>Denials over time</h2>\n";
  write_timeline_html(out, summary.timeline);
  write_domains(out, summary);
  write_cycles(out, summary.timeline);
  out << "<h2>Findings</h2>\n";
  write_findings(out, findings, summary);
  write_set_aside(out, summary);
  write_by_node(out, summary, findings);
  write_rules(out, findings);
  out << "</main>\n<script>" << kReportScript << "</script>\n</body>\n</html>\n";
}

}  // namespace avcsift::emit
