#include "review_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "avcsift/emit/report_html.hpp"
#include "avcsift/emit/report_json.hpp"
#include "avcsift/emit/report_text.hpp"
#include "avcsift/explain/boolean_descriptions.hpp"
#include "avcsift/policy/policy.hpp"
#include "report_by_node.hpp"
#include "review_findings.hpp"

namespace avcsift::cli {
namespace {

bool use_color(ColorChoice choice, const std::ostream& out) {
  switch (choice) {
    case ColorChoice::Always: return true;
    case ColorChoice::Never: return false;
    case ColorChoice::Auto: break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  return &out == &std::cout && ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0');
}

}  // namespace

bool write_review(ReviewSources sources, const explain::AppScope& scope, const ReviewTarget& target) {
  // 1. One finding per source, target and class: sentence, reason, flags, fixes.
  //    Boolean fixes say what the boolean is for when policy.xml has it (read
  //    only when a boolean explains a denial: it is megabytes of XML).
  const RuleSet& rules = sources.rules;
  const bool booleans = std::any_of(rules.rules().begin(), rules.rules().end(),
                                    [](const auto& entry) { return entry.first.reason == Reason::Boolean; });
  const auto descriptions =
      booleans ? explain::BooleanDescriptions::load(target.policy_xml) : explain::BooleanDescriptions{};
  auto findings = build_review_findings(rules, sources.hidden, scope, sources.policy, sources.labels,
                                        &sources.errors, &descriptions);

  // 2. Set aside what --ignore accepts, mark the rest against --baseline.
  auto summary =
      summarize_report(sources.inputs, target.review, sources.stats, rules, sources.hidden, findings, scope);
  FilteredFindings filtered = apply_finding_filters(target.filters, findings);

  // 3. Write the report, JSON with what `merge` recomputes it from.
  summary.selinux_errors = sources.errors.count();
  summary.policy = sources.policy_description;
  summary.file_contexts = sources.file_contexts;
  summary.timeline = std::move(sources.timeline);
  summary.baseline = filtered.baseline;
  summary.ignores = std::move(filtered.ignores);
  summary.aggregate = emit::ReportAggregate{&rules, &sources.hidden, &sources.errors};
  if (sources.per_host != nullptr) summary.by_node = by_node_entries(*sources.per_host, findings);
  switch (target.format) {
    case ReportFormat::Json: emit::write_report_json(target.out, summary, findings); break;
    case ReportFormat::Html: emit::write_report_html(target.out, summary, findings); break;
    case ReportFormat::Text:
      emit::write_report_text(target.out, summary, findings, {use_color(target.color, target.out)});
      break;
  }
  return fail_on_reached(target.review, findings, filtered);
}

}  // namespace avcsift::cli
