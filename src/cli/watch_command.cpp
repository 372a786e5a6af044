#include "avcsift/cli/watch_command.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "avcsift/aggregate/denial_filter.hpp"
#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/cli/allow_command.hpp"
#include "avcsift/cli/background_policy.hpp"
#include "avcsift/cli/file_labels_loader.hpp"
#include "avcsift/cli/input_pump.hpp"
#include "avcsift/cli/live_feed.hpp"
#include "avcsift/cli/node_scope.hpp"
#include "avcsift/cli/output_file.hpp"
#include "avcsift/cli/report_command.hpp"
#include "avcsift/cli/review_options.hpp"
#include "avcsift/cli/rule_collector.hpp"
#include "avcsift/cli/signal_events.hpp"
#include "avcsift/emit/report_json.hpp"
#include "avcsift/explain/finding_builder.hpp"
#include "avcsift/explain/verdict_cache.hpp"
#include "avcsift/model/error.hpp"
#include "avcsift/model/identifier.hpp"
#include "avcsift/policy/policy.hpp"
#include "review_findings.hpp"

namespace avcsift::cli {
namespace {

using Clock = std::chrono::steady_clock;

/// A requested write waits while input keeps coming (so that a SIGHUP sent
/// after writing records sees them), but not for longer than this much
/// input, so a flood cannot hold off writes and SIGTERM.
constexpr std::uint64_t kMaxDeferredBytes = 1024 * 1024;

/// Counts the events that reach the aggregate: an interval write is skipped
/// when the count has not moved since the last write.
class ChangeCounter final : public parse::EventSink {
 public:
  explicit ChangeCounter(parse::EventSink& inner) : inner_(inner) {}
  void on_event(AuditEvent&& event) override {
    ++count_;
    inner_.on_event(std::move(event));
  }
  [[nodiscard]] std::uint64_t count() const { return count_; }

 private:
  parse::EventSink& inner_;
  std::uint64_t count_ = 0;
};

/// Everything watch keeps in memory: bounded by the distinct rules, as in
/// `allow` and `report`, whatever the length of the stream.
struct Aggregate {
  explicit Aggregate(policy::Policy* policy) : verdicts(policy) {}
  DenialFilter filter;
  explain::VerdictCache verdicts;
  RuleSet rules;
  RuleCollector collector{filter, verdicts, rules};
  explain::HiddenFailureTally hidden;
  explain::SelinuxErrorTally errors;
  ReviewCollector review{collector, hidden, &errors};
  ChangeCounter changes{review};
  IngestStats stats;
};

/// The file_contexts the report's restorecon/fcontext advice checks against.
struct LabelSource {
  std::unique_ptr<explain::FileLabels> labels;  ///< null: labels are not checked.
  std::string path;
};

/// Writes DIR/avcsift.te and DIR/avcsift-report.json, each through a
/// temporary renamed into place, so a reader never sees half a file.
/// Throws avcsift::Error when either cannot be written.
void write_outputs(const WatchOptions& options, const ReviewOptions& review, const explain::AppScope& scope,
                   const Aggregate& aggregate, policy::Policy* policy, const LabelSource& labels,
                   Diagnostics& diagnostics) {
  const std::filesystem::path dir = options.output_dir;
  AllowOptions allow;
  allow.module_name = options.module_name;
  OutputFile rules((dir / kWatchRulesFile).string(), /*overwrite=*/true, OnSignal::CallerHandles);
  write_allow_rules(aggregate.rules, allow, scope.types(), diagnostics, rules.stream());

  const auto findings =
      build_review_findings(aggregate.rules, aggregate.hidden, scope, policy, labels.labels.get(), &aggregate.errors);
  auto summary = summarize_report({"-"}, review, aggregate.stats, aggregate.rules, aggregate.hidden,
                                  findings, scope);
  summary.selinux_errors = aggregate.errors.count();
  summary.policy = policy != nullptr ? policy->description() : "";
  summary.file_contexts = labels.path;
  summary.aggregate = emit::ReportAggregate{&aggregate.rules, &aggregate.hidden, &aggregate.errors};
  OutputFile report((dir / kWatchReportFile).string(), /*overwrite=*/true, OnSignal::CallerHandles);
  emit::write_report_json(report.stream(), summary, findings);

  // The rules first: the report describes them, so it is never the newer.
  rules.commit();
  report.commit();
}

/// The output directory, created when missing (closed to others: the report
/// names paths and commands from the log); an existing one is left as it is.
/// Throws avcsift::Error when it cannot be created.
void prepare_output_dir(const std::string& dir) {
  std::error_code error;
  const bool created = std::filesystem::create_directories(dir, error);
  if (error || !std::filesystem::is_directory(dir)) {
    throw Error("--output-dir " + escape_for_comment(dir) + ": cannot create: " +
                (error ? error.message() : "not a directory"));
  }
  if (created) {
    std::filesystem::permissions(dir, std::filesystem::perms::others_all, std::filesystem::perm_options::remove,
                                 error);
  }
}

/// Why the loop writes: the requests that came in and are not served yet.
struct Pending {
  bool write = false;           ///< the interval passed with changes, or a SIGHUP.
  bool stop = false;            ///< SIGTERM/SIGINT or end of input: last write, then exit.
  bool forced = false;          ///< SIGHUP or stop: write even when nothing changed.
  std::uint64_t deferred = 0;   ///< bytes read since the first request.
};

}  // namespace

int run_watch(const WatchOptions& options, std::ostream& err) {
  Diagnostics diagnostics(err);
  diagnostics.set_quiet(options.quiet);

  // 1. The application's own types (--app-module), the directory to write
  //    into, and the signals that ask for writes.
  ReviewOptions review;
  review.app_modules = options.app_modules;
  const explain::AppScope scope = make_scope(review);
  prepare_output_dir(options.output_dir);
  SignalEvents signals;

  // 2. Load the policy that explains the denials (none: reasons unknown);
  //    a daemon has time, so it waits for it here, and opens the
  //    file_contexts it checks labels against, as report does.
  BackgroundPolicy loading(options.policy, diagnostics);
  policy::Policy* const policy = loading.get();
  LabelSource labels;
  labels.labels = open_file_labels(options.file_contexts, options.policy, labels.path, diagnostics);

  // 3. The aggregate, fed from standard input as records arrive.
  Aggregate aggregate(policy);
  NodeScope hosts(options.node, aggregate.changes);
  LiveFeed feed("<stdin>", hosts, diagnostics, aggregate.stats, options.date_order);
  diagnostics.note("watching standard input; writing " + escape_for_comment(options.output_dir) + "/" +
                   kWatchRulesFile + " and " + kWatchReportFile + " every " + std::to_string(options.interval) +
                   " s when denials arrived, on SIGHUP and at exit");

  // 4. Wait for input, signals and the interval; read, then write when asked.
  const auto interval = std::chrono::seconds(options.interval);
  auto next_tick = Clock::now() + interval;
  std::optional<std::uint64_t> written_changes;  // the change count at the last good write
  bool last_write_ok = true;
  Pending pending;
  // Standard input is read on a thread of its own: while a write of
  // thousands of findings takes a second, auditd's dispatcher keeps writing.
  InputPump input(STDIN_FILENO);
  std::string buffer;
  bool input_open = true;
  bool input_failed = false;  // a read error: the run fails even when the last write succeeds
  while (true) {
    // With a write pending, only look whether more input is there right now.
    const auto wait = pending.write || pending.stop
                          ? std::chrono::milliseconds(0)
                          : std::chrono::duration_cast<std::chrono::milliseconds>(next_tick - Clock::now());
    pollfd fds[2] = {{input_open ? input.fd() : -1, POLLIN, 0}, {signals.fd(), POLLIN, 0}};
    const int ready = ::poll(fds, 2, static_cast<int>(std::max<std::int64_t>(wait.count(), 0)));
    if (ready < 0 && errno != EINTR) throw Error(std::string("poll: ") + std::strerror(errno));

    // Input first, so a write asked for in the same wake-up includes it.
    bool read_input = false;
    const auto take_input = [&] {
      buffer.clear();
      const PumpState state = input.take(buffer);
      if (!buffer.empty()) {
        feed.feed(buffer);
        read_input = true;
        if (pending.write || pending.stop) pending.deferred += buffer.size();
      }
      if (state.ended && input_open) {
        if (state.error != 0) {
          diagnostics.error(std::string("<stdin>: read error: ") + std::strerror(state.error));
          input_failed = true;
        }
        input_open = false;
        pending.stop = pending.forced = true;
      }
    };
    if (ready > 0 && (fds[0].revents & POLLIN) != 0) take_input();
    const SignalsSeen seen = signals.take();
    if (seen.reload) pending.write = pending.forced = true;
    if (seen.stop) pending.stop = pending.forced = true;
    if (Clock::now() >= next_tick) pending.write = true;
    if ((seen.reload || seen.stop) && input_open) {
      // Records written before the signal was sent are in this write: let
      // the input thread read what the pipe holds, then take it.
      input.settle();
      take_input();
    }

    // Serve the requests once the input is idle (or has been busy too long).
    if (!(pending.write || pending.stop) || (read_input && pending.deferred < kMaxDeferredBytes)) continue;
    if (pending.stop) {
      feed.finish();  // every open event counts at the end
    } else {
      feed.age();     // events with their EOE record, or open for more than 2 s
    }
    const bool changed = !written_changes || *written_changes != aggregate.changes.count();
    if (pending.forced || changed) {
      const auto started = Clock::now();
      try {
        write_outputs(options, review, scope, aggregate, policy, labels, diagnostics);
        written_changes = aggregate.changes.count();
        last_write_ok = true;
      } catch (const Error& error) {
        // A daemon keeps going: the next write may succeed (a full disk freed).
        diagnostics.error(error.what());
        last_write_ok = false;
      }
      // The next interval starts when this write ends, and lasts at least as
      // long as the write took: with thousands of findings a write takes a
      // while, and input must keep at least half the time, or a busy feed
      // would only ever be written out and never read (a full pipe stalls
      // auditd's dispatcher).
      const auto took = Clock::now() - started;
      next_tick = Clock::now() + std::max<Clock::duration>(interval, took);
    } else if (Clock::now() >= next_tick) {
      next_tick = Clock::now() + interval;
    }
    if (pending.stop) break;
    pending = {};
  }

  // 5. Sum up what could not be read.
  diagnostics.finish();
  note_unreadable(aggregate.stats, diagnostics);
  return static_cast<int>(last_write_ok && !input_failed ? ExitStatus::Ok : ExitStatus::Failure);
}

}  // namespace avcsift::cli
