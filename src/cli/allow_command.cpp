#include "avcsift/cli/allow_command.hpp"

#include <iostream>

#include "avcsift/aggregate/denial_filter.hpp"
#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/cli/ingest.hpp"
#include "avcsift/cli/output_file.hpp"
#include "avcsift/cli/rule_collector.hpp"
#include "avcsift/emit/te_emitter.hpp"
#include "avcsift/model/diagnostics.hpp"
#include "avcsift/model/error.hpp"

namespace avcsift::cli {
namespace {

void write_te(const RuleSet& rules, const AllowOptions& options, std::ostream& out) {
  emit::TeEmitter emitter(out, {options.module_name, options.module_version, options.dontaudit});
  emitter.begin();
  for (const auto& [key, rule] : rules.rules()) emitter.add(rule);
  for (const auto& [role_type, count] : rules.role_types()) emitter.add(role_type);
  emitter.end();
}

}  // namespace

int run_allow(const AllowOptions& options, std::ostream& out, std::ostream& err) {
  Diagnostics diagnostics(err);
  // Refuse a bad output before reading a possibly huge log.
  std::optional<OutputFile> output;
  if (options.output) output.emplace(*options.output, options.force);
  DenialFilter filter = options.source_type ? DenialFilter(*options.source_type) : DenialFilter();

  // 1. Read every input, group records into events, fold denials into rules.
  RuleSet rules;
  RuleCollector collector(filter, rules);
  IngestStats stats;
  ingest(options.inputs, collector, diagnostics, stats);

  // 2. Write the rules as a .te fragment or module, all at once.
  if (output) {
    write_te(rules, options, output->stream());
    output->commit();
  } else {
    write_te(rules, options, out);
    out.flush();
  }

  // 3. Sum up what could not be read.
  diagnostics.finish();
  if (stats.malformed_lines + stats.parse.malformed_records > 0) {
    diagnostics.note(std::to_string(stats.malformed_lines + stats.parse.malformed_records) +
                     " unreadable lines or records were skipped");
  }
  return static_cast<int>(diagnostics.had_errors() ? ExitStatus::Failure : ExitStatus::Ok);
}

}  // namespace avcsift::cli
