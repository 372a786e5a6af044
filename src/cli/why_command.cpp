#include "avcsift/cli/why_command.hpp"

#include <iostream>

#include "avcsift/aggregate/denial_tally.hpp"
#include "avcsift/cli/ingest.hpp"
#include "avcsift/cli/policy_loader.hpp"
#include "avcsift/emit/why_emitter.hpp"
#include "avcsift/explain/boolean_descriptions.hpp"
#include "avcsift/explain/verdict_cache.hpp"
#include "avcsift/model/error.hpp"
#include "avcsift/policy/policy.hpp"

namespace avcsift::cli {
namespace {

/// Explains each denial as its event arrives (streaming), or tallies
/// distinct denials for --unique and JSON.
class WhySink final : public parse::EventSink {
 public:
  WhySink(explain::VerdictCache& verdicts, emit::WhyEmitter& emitter, DenialTally* tally)
      : verdicts_(verdicts), emitter_(emitter), tally_(tally) {}

  void on_event(AuditEvent&& event) override {
    for (const Denial& denial : event.denials) {
      if (denial.granted) continue;
      const Verdict& verdict = verdicts_.verdict_for(denial);
      if (tally_ != nullptr) {
        tally_->add(denial, verdict);
      } else {
        emitter_.add(denial, verdict);
      }
    }
  }

 private:
  explain::VerdictCache& verdicts_;
  emit::WhyEmitter& emitter_;
  DenialTally* tally_;
};

}  // namespace

int run_why(const WhyOptions& options, std::ostream& out, std::ostream& err) {
  Diagnostics diagnostics(err);

  // 1. Load the policy and the boolean descriptions.
  const auto policy = load_policy(options.common.policy, diagnostics);
  explain::VerdictCache verdicts(policy.get());
  const auto descriptions = explain::BooleanDescriptions::load(options.policy_xml);
  emit::WhyEmitter emitter(out, [&](const std::string& name) { return descriptions.describe(name); });

  // 2. Read the inputs; explain each denial (once per distinct access).
  const bool tallied = options.unique || options.format == WhyFormat::Json;
  DenialTally tally;
  WhySink sink(verdicts, emitter, tallied ? &tally : nullptr);
  IngestStats stats;
  emitter.begin();
  ingest(options.common.inputs, sink, diagnostics, stats);

  // 3. With --unique or JSON, print the distinct denials now.
  if (options.format == WhyFormat::Json) {
    emit::write_why_json(out, tally, policy ? policy->description() : "");
  } else if (tallied) {
    for (const auto& [key, denial] : tally.denials()) emitter.add(denial);
  }
  emitter.end();
  out.flush();

  // 4. Sum up.
  diagnostics.finish();
  if (stats.malformed_lines + stats.parse.malformed_records > 0) {
    diagnostics.note(std::to_string(stats.malformed_lines + stats.parse.malformed_records) +
                     " unreadable lines or records were skipped");
  }
  return static_cast<int>(diagnostics.had_errors() ? ExitStatus::Failure : ExitStatus::Ok);
}

}  // namespace avcsift::cli
