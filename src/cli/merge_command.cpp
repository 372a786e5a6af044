#include "avcsift/cli/merge_command.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "avcsift/cli/background_policy.hpp"
#include "avcsift/cli/file_labels_loader.hpp"
#include "avcsift/cli/output_file.hpp"
#include "avcsift/explain/file_labels.hpp"
#include "avcsift/model/error.hpp"
#include "avcsift/model/identifier.hpp"
#include "avcsift/policy/policy.hpp"
#include "report_reader.hpp"
#include "review_writer.hpp"

namespace avcsift::cli {
namespace {

/// `file` read back ("-": standard input).
ReportState read_report_file(const std::string& file) {
  if (file == "-") return read_report_state(std::cin, "<stdin>");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot read report '" + escape_for_comment(file) + "': " + std::strerror(errno));
  return read_report_state(in, file);
}

/// A policy in a message ("no policy" for none).
std::string policy_named(const std::string& description) {
  return description.empty() ? std::string("no policy") : "policy '" + escape_for_comment(description) + "'";
}

/// Every report read and merged. Refuses reports whose verdicts came from
/// different policies (or some from none): their reasons would contradict.
ReportState merge_reports(const std::vector<std::string>& files) {
  ReportState merged;
  std::string first_file;
  for (const auto& file : files) {
    ReportState state = read_report_file(file);
    if (first_file.empty()) {
      first_file = file;
      merged.policy = state.policy;
    } else if (state.policy != merged.policy) {
      throw Error(escape_for_comment(file) + " was made with " + policy_named(state.policy) + ", " +
                      escape_for_comment(first_file) + " with " + policy_named(merged.policy) +
                      ": merge only reports made with the same policy",
                  ExitStatus::Usage);
    }
    merged.merge(state);
  }
  return merged;
}

}  // namespace

int run_merge(const MergeOptions& options, std::ostream& out, std::ostream& err) {
  const ReportOptions& report = options.report;
  Diagnostics diagnostics(err);
  diagnostics.set_quiet(report.common.quiet);
  // Refuse a bad -o, --baseline or --ignore before reading the reports.
  std::optional<OutputFile> output;
  if (report.output) output.emplace(*report.output, report.force);
  const FindingFilters filters = load_finding_filters(report.filters);

  // 1. Who the application is: its directories and its own types.
  const explain::AppScope scope = make_scope(report.review);

  // 2. Start loading the policy, if named: it only adds advice (the verdicts
  //    come from the reports), and must be the one they were made with.
  BackgroundPolicy loading(report.common.policy, diagnostics);

  // 3. Read every report and merge: counts add up, spans widen, samples and
  //    hosts merge, the first denial's verdict is the earliest's.
  const std::vector<std::string> files = options.reports.empty() ? std::vector<std::string>{"-"} : options.reports;
  ReportState merged = merge_reports(files);
  policy::Policy* policy = loading.get();
  if (policy != nullptr && policy->description() != merged.policy) {
    throw Error("the reports were made with " + policy_named(merged.policy) + ", not " +
                    policy_named(policy->description()) + " (-p): name the same policy, or none",
                ExitStatus::Usage);
  }
  std::string file_contexts;
  const auto labels = open_file_labels(report.file_contexts, report.common.policy, file_contexts, diagnostics);

  // 4. Findings, flags and fixes exactly as `report` computes them.
  std::ostream& target = output ? output->stream() : out;
  const bool fail_on = write_review(
      ReviewSources{merged.inputs, merged.stats, merged.rules, merged.hidden, merged.errors,
                    std::move(merged.timeline), policy, merged.policy, labels.get(), file_contexts, nullptr},
      scope, ReviewTarget{report.review, filters, report.policy_xml, report.format, report.color, target});
  if (output) output->commit();
  out.flush();

  diagnostics.finish();
  if (diagnostics.had_errors()) return static_cast<int>(ExitStatus::Failure);
  if (fail_on) return static_cast<int>(ExitStatus::FailOnReached);
  return static_cast<int>(ExitStatus::Ok);
}

}  // namespace avcsift::cli
