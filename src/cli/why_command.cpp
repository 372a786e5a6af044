#include "avcsift/cli/why_command.hpp"

#include <iostream>
#include <map>
#include <utility>
#include <vector>

#include "avcsift/aggregate/denial_tally.hpp"
#include "avcsift/cli/ingest.hpp"
#include "avcsift/cli/background_policy.hpp"
#include "avcsift/cli/log_checks.hpp"
#include "avcsift/cli/policy_gate.hpp"
#include "avcsift/emit/why_emitter.hpp"
#include "avcsift/explain/boolean_descriptions.hpp"
#include "avcsift/explain/selinux_errors.hpp"
#include "avcsift/explain/verdict_cache.hpp"
#include "avcsift/model/error.hpp"
#include "avcsift/policy/policy.hpp"

namespace avcsift::cli {
namespace {

/// Explains each denial as its event arrives (streaming), or tallies
/// distinct denials for --unique and JSON. With --since-last-load it holds
/// the denials back (memory grows with the denials after the last load),
/// since a later policy load makes them irrelevant.
class WhySink final : public parse::EventSink {
 public:
  WhySink(explain::VerdictCache& verdicts, emit::WhyEmitter& emitter, DenialTally* tally, bool hold)
      : verdicts_(verdicts), emitter_(emitter), tally_(tally), hold_(hold) {}

  void on_event(AuditEvent&& event) override {
    for (Denial& denial : event.denials) {
      if (denial.granted) continue;
      ++explained_;
      const Verdict& verdict = verdicts_.verdict_for(denial);
      if (tally_ != nullptr) {
        tally_->add(denial, verdict);
      } else if (hold_) {
        held_.emplace_back(std::move(denial), &verdict);
      } else {
        emitter_.add_stable(denial, verdict);  // cached verdicts live as long as the run
      }
    }
    // SELINUX_ERR reports, which audit2why does not explain.
    for (const InvalidContext& report : event.invalid_contexts) {
      add_report("invalid_context", report.record, explain::explain_invalid_context(report), event.stamp);
    }
    for (const SelinuxError& error : event.selinux_errors) {
      add_report(selinux_error_name(error.kind), error.record, explain::explain_selinux_error(error, event),
                 event.stamp);
    }
  }

  void restart() override {
    if (tally_ != nullptr) *tally_ = DenialTally{};
    held_.clear();
    held_reports_.clear();
    distinct_reports_.clear();
  }

  /// Writes the denials and reports held back.
  void flush() {
    for (const auto& [denial, verdict] : held_) emitter_.add_stable(denial, *verdict);
    for (const auto& report : held_reports_) emitter_.add_report(report.record, report.explanation);
    held_.clear();
    held_reports_.clear();
  }

  /// How many denials and SELinux error reports were read (0: the wrong input).
  [[nodiscard]] std::uint64_t explained() const { return explained_; }

  /// The distinct reports (--unique and JSON), in order of their explanation.
  [[nodiscard]] std::vector<emit::WhyReport> distinct_reports() const {
    std::vector<emit::WhyReport> out;
    for (const auto& [key, report] : distinct_reports_) out.push_back(report);
    return out;
  }

 private:
  explain::VerdictCache& verdicts_;
  emit::WhyEmitter& emitter_;
  DenialTally* tally_;
  bool hold_;
  std::uint64_t explained_ = 0;
  std::vector<std::pair<Denial, const Verdict*>> held_;  // verdicts live in the cache
  std::vector<emit::WhyReport> held_reports_;
  // Keyed by kind and explanation: one entry per distinct meaning, so memory
  // grows with distinct reports, not with the log.
  std::map<std::vector<std::string>, emit::WhyReport> distinct_reports_;

  void add_report(const char* kind, const std::string& record, std::vector<std::string> explanation,
                  const AuditStamp& stamp) {
    ++explained_;
    if (tally_ != nullptr) {
      std::vector<std::string> key = explanation;
      key.emplace_back(kind);
      auto [it, inserted] = distinct_reports_.try_emplace(std::move(key));
      emit::WhyReport& report = it->second;
      if (inserted) {
        report = {kind, record, std::move(explanation), 0, stamp, stamp};
      }
      ++report.count;
      if (stamp < report.first_seen) report.first_seen = stamp;
      if (report.last_seen < stamp) report.last_seen = stamp;
    } else if (hold_) {
      held_reports_.push_back({kind, record, std::move(explanation), 1, stamp, stamp});
    } else {
      emitter_.add_report(record, explanation);
    }
  }
};

}  // namespace

int run_why(const WhyOptions& options, std::ostream& out, std::ostream& err) {
  Diagnostics diagnostics(err);
  diagnostics.set_quiet(options.common.quiet);

  // 1. Start loading the policy (the first denial waits for it); read the
  //    boolean descriptions.
  BackgroundPolicy loading(options.common.policy, diagnostics);
  explain::VerdictCache verdicts(loading.oracle());
  const auto descriptions = explain::BooleanDescriptions::load(options.policy_xml);
  emit::WhyEmitter emitter(out, [&](const std::string& name) { return descriptions.describe(name); });

  // 2. Read the inputs; explain each denial (once per distinct access).
  const bool tallied = options.unique || options.format == WhyFormat::Json;
  DenialTally tally;
  WhySink sink(verdicts, emitter, tallied ? &tally : nullptr, options.common.since_last_load);
  IngestStats stats;
  emitter.begin();
  PolicyGate gate([&loading] { return loading.ready(); }, sink);
  ingest(options.common, gate, diagnostics, stats);
  gate.flush();
  policy::Policy* policy = loading.get();
  if (sink.explained() == 0) warn_if_no_denials(stats, options.common, diagnostics);

  // 3. With --unique or JSON, print the distinct denials now (and those
  //    held back for --since-last-load).
  sink.flush();
  if (options.format == WhyFormat::Json) {
    emit::write_why_json(out, tally, policy ? policy->description() : "", sink.distinct_reports());
  } else if (tallied) {
    for (const auto& [key, denial] : tally.denials()) emitter.add(denial);
    for (const auto& report : sink.distinct_reports()) {
      emitter.add_report(report.record, report.explanation, report.count, report.first_seen, report.last_seen);
    }
  }
  emitter.end();
  out.flush();

  // 4. Sum up.
  diagnostics.finish();
  note_unreadable(stats, diagnostics);
  return static_cast<int>(diagnostics.had_errors() ? ExitStatus::Failure : ExitStatus::Ok);
}

}  // namespace avcsift::cli
