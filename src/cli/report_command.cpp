#include "avcsift/cli/report_command.hpp"

#include <algorithm>

#include "avcsift/aggregate/denial_filter.hpp"
#include "avcsift/aggregate/node_tally.hpp"
#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/cli/ingest.hpp"
#include "avcsift/cli/background_policy.hpp"
#include "avcsift/cli/file_labels_loader.hpp"
#include "avcsift/cli/policy_gate.hpp"
#include "avcsift/cli/policy_loader.hpp"
#include "avcsift/cli/rule_collector.hpp"
#include "avcsift/cli/output_file.hpp"
#include "avcsift/cli/timeline_collector.hpp"
#include "avcsift/explain/file_labels.hpp"
#include "avcsift/explain/finding_builder.hpp"
#include "avcsift/explain/module_types.hpp"
#include "avcsift/explain/verdict_cache.hpp"
#include "avcsift/model/error.hpp"
#include "avcsift/model/identifier.hpp"
#include "avcsift/policy/policy.hpp"
#include "review_writer.hpp"

namespace avcsift::cli {

emit::ReportSummary summarize_report(const std::vector<std::string>& inputs, const ReviewOptions& review,
                                     const IngestStats& stats, const RuleSet& rules,
                                     const explain::HiddenFailureTally& hidden,
                                     const std::vector<explain::Finding>& findings,
                                     const explain::AppScope& scope) {
  emit::ReportSummary summary;
  summary.inputs = inputs;
  summary.inputs_failed = stats.inputs_failed;
  summary.lines = stats.lines;
  summary.events = stats.parse.events;
  summary.denials = rules.denial_count();
  summary.permissive_denials = rules.permissive_count();
  summary.hidden_failures = hidden.count();
  summary.parse_warnings = stats.unreadable();
  for (const auto& [key, rule] : rules.rules()) summary.nodes.merge(rule.nodes);
  for (const auto& finding : findings) {
    if (finding.kind == explain::FindingKind::Denial) {
      ++summary.distinct_rules;
      summary.denials_per_domain[finding.source_type] += finding.count;
    }
    if (!finding.first_seen.time_known()) continue;  // no date to span
    if (!summary.first_seen) summary.first_seen = summary.last_seen = finding.first_seen;
    widen_span(*summary.first_seen, *summary.last_seen, finding.first_seen);
    widen_span(*summary.first_seen, *summary.last_seen, finding.last_seen);
  }
  summary.app_roots.assign(scope.roots().begin(), scope.roots().end());
  summary.app_types.assign(scope.types().begin(), scope.types().end());
  if (review.app_types) summary.app_types.push_back("/" + *review.app_types + "/");
  if (!scope.has_roots()) {
    summary.skipped_checks.push_back("no --app-root: accesses outside the application's directories are not flagged");
  }
  if (!scope.has_types()) {
    summary.skipped_checks.push_back(
        "no --app-module or --app-types: only well-known system types count as not owned by the application");
  }
  return summary;
}

int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err) {
  Diagnostics diagnostics(err);
  diagnostics.set_quiet(options.common.quiet);
  // Refuse a bad -o before reading a possibly huge log.
  std::optional<OutputFile> output;
  if (options.output) output.emplace(*options.output, options.force);
  // A bad --baseline or --ignore file too.
  const FindingFilters filters = load_finding_filters(options.filters);

  // 1. Who the application is: its directories and its own types.
  const explain::AppScope scope = make_scope(options.review);

  // 2. Start loading the policy that explains the denials (the first denial
  //    waits for it).
  BackgroundPolicy loading(options.common.policy, diagnostics);
  explain::VerdictCache verdicts(loading.oracle());

  // 3. Read every input: denials (and refused NNP/nosuid transitions) fold
  //    into rules, failed system calls without AVC into hidden failures,
  //    other SELINUX_ERR reports into their own findings.
  DenialFilter filter;
  RuleSet rules;
  RuleCollector collector(filter, verdicts, rules);
  NodeTally per_host;  // only with --by-node: it grows with hosts x findings
  if (options.by_node) collector.tally_nodes(per_host);
  explain::HiddenFailureTally hidden;
  explain::SelinuxErrorTally errors;
  ReviewCollector sink(collector, hidden, &errors);
  IngestStats stats;
  PolicyGate gate([&loading] { return loading.ready(); }, sink);
  DenialTimeline timeline;
  TimelineCollector timed(timeline, gate);
  ingest(options.common, timed, diagnostics, stats, /*keep_record_text=*/false);
  gate.flush();
  timeline.finish();
  policy::Policy* policy = loading.get();
  // The policy's file_contexts, opened only now: its compiled expressions
  // (20-35 MB for Debian's) then reuse what reading the log freed.
  std::string file_contexts;
  const auto labels = open_file_labels(options.file_contexts, options.common.policy, file_contexts, diagnostics);

  // 4. Findings, flags and fixes, --ignore and --baseline, and the report
  //    itself: the step `merge` shares.
  std::ostream& target = output ? output->stream() : out;
  const bool fail_on = write_review(
      ReviewSources{options.common.inputs, stats, rules, hidden, errors, std::move(timeline), policy,
                    policy != nullptr ? policy->description() : "", labels.get(), file_contexts,
                    options.by_node ? &per_host : nullptr},
      scope, ReviewTarget{options.review, filters, options.policy_xml, options.format, options.color, target});
  if (output) output->commit();
  out.flush();

  // 5. Sum up; --fail-on (on new findings, with a baseline) decides the
  //    status when nothing else failed.
  diagnostics.finish();
  if (diagnostics.had_errors()) return static_cast<int>(ExitStatus::Failure);
  if (fail_on) return static_cast<int>(ExitStatus::FailOnReached);
  return static_cast<int>(ExitStatus::Ok);
}

}  // namespace avcsift::cli
