#pragma once
/// Holds events back while the policy is still loading, so that reading the
/// log does not wait for it.
///
/// The sinks of allow, why and report ask the policy about the first denial
/// they meet. Without this gate EventReader's worker would stop at that
/// denial until BackgroundPolicy is done (about 20 ms for Debian's policy),
/// and the reading thread would fill the queue between them and stop too.
/// With it, the worker goes on parsing and keeps the events, in order, until
/// the policy is there or kMaxHeld events wait (about 1.5 MB).
#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

#include "avcsift/parse/event_reader.hpp"

namespace avcsift::cli {

/// An EventSink in front of `inner` that delivers nothing before
/// `policy_ready()` (normally BackgroundPolicy::ready) is true, keeping the
/// order of events and restarts.
class PolicyGate final : public parse::EventSink {
 public:
  /// Events held at most; past this, the gate lets the inner sink wait for
  /// the policy.
  static constexpr std::size_t kMaxHeld = 1024;

  PolicyGate(std::function<bool()> policy_ready, parse::EventSink& inner)
      : policy_ready_(std::move(policy_ready)), inner_(inner) {}

  void on_event(AuditEvent&& event) override;
  /// Events held so far are forgotten too: they came before the restart.
  void restart() override;
  /// Delivers what is held (waiting for the policy); call before reading
  /// what the inner sink collected.
  void flush();

 private:
  std::function<bool()> policy_ready_;
  parse::EventSink& inner_;
  std::vector<AuditEvent> held_;
  bool open_ = false;  // the policy was ready once: no more holding
};

}  // namespace avcsift::cli
