#include "avcsift/cli/allow_command.hpp"

#include <iostream>

#include "avcsift/aggregate/denial_filter.hpp"
#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/cli/ingest.hpp"
#include "avcsift/cli/output_file.hpp"
#include "avcsift/cli/policy_loader.hpp"
#include "avcsift/cli/rule_collector.hpp"
#include "avcsift/emit/reason_text.hpp"
#include "avcsift/emit/te_emitter.hpp"
#include "avcsift/explain/verdict_cache.hpp"
#include "avcsift/model/diagnostics.hpp"
#include "avcsift/model/error.hpp"
#include "avcsift/policy/policy.hpp"

namespace avcsift::cli {
namespace {

/// A rule naming a type, class or permission the policy lacks cannot be
/// installed; one whose only problem is a user, role or level can.
bool installable(const Verdict& verdict) {
  if (verdict.reason != Reason::NotInPolicy) return true;
  for (const auto& name : verdict.undefined_names) {
    if (name.starts_with("type ") || name.starts_with("class ") || name.starts_with("permission ")) {
      return false;
    }
  }
  return true;
}

/// Writes the rules; returns how many were left out (commented out).
std::uint64_t write_te(const RuleSet& rules, const AllowOptions& options, std::ostream& out) {
  emit::TeEmitter emitter(out, {options.module_name, options.module_version, options.dontaudit});
  std::uint64_t left_out = 0;
  emitter.begin();
  for (const auto& [key, rule] : rules.rules()) {
    const bool keep = installable(rule.verdict);
    if (!keep) ++left_out;
    emitter.add(rule, emit::te_reason_comments(rule.verdict), !keep);
  }
  for (const auto& [role_type, count] : rules.role_types()) emitter.add(role_type);
  emitter.end();
  return left_out;
}

}  // namespace

int run_allow(const AllowOptions& options, std::ostream& out, std::ostream& err) {
  Diagnostics diagnostics(err);
  // Refuse a bad output before reading a possibly huge log.
  std::optional<OutputFile> output;
  if (options.output) output.emplace(*options.output, options.force);
  DenialFilter filter = options.source_type ? DenialFilter(*options.source_type) : DenialFilter();

  // 1. Load the policy that explains the denials (none: reasons unknown).
  const auto policy = load_policy(options.common.policy, diagnostics);
  explain::VerdictCache verdicts(policy.get());

  // 2. Read every input, group records into events, fold each denial with its
  //    verdict into a rule per source, target, class and reason.
  RuleSet rules;
  RuleCollector collector(filter, verdicts, rules);
  IngestStats stats;
  ingest(options.common.inputs, collector, diagnostics, stats, /*keep_record_text=*/false);

  // 3. Write the rules, annotated with their reasons, as a fragment or module.
  std::uint64_t left_out = 0;
  if (output) {
    left_out = write_te(rules, options, output->stream());
    output->commit();
  } else {
    left_out = write_te(rules, options, out);
    out.flush();
  }

  // 4. Sum up what could not be read or used.
  diagnostics.finish();
  if (stats.malformed_lines + stats.parse.malformed_records > 0) {
    diagnostics.note(std::to_string(stats.malformed_lines + stats.parse.malformed_records) +
                     " unreadable lines or records were skipped");
  }
  if (left_out > 0) {
    diagnostics.note(std::to_string(left_out) +
                     " rules name types, classes or permissions the policy does not define; "
                     "they are commented out");
  }
  return static_cast<int>(diagnostics.had_errors() ? ExitStatus::Failure : ExitStatus::Ok);
}

}  // namespace avcsift::cli
