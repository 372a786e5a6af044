// PolicyGate: events wait, in order, until the policy is there.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "avcsift/cli/policy_gate.hpp"

using avcsift::AuditEvent;
using avcsift::cli::PolicyGate;

namespace {

/// Records what reaches it: `e<serial>` per event, `restart` per restart.
struct LoggingSink : avcsift::parse::EventSink {
  std::vector<std::string> seen;
  void on_event(AuditEvent&& event) override { seen.push_back("e" + std::to_string(event.stamp.serial)); }
  void restart() override { seen.push_back("restart"); }
};

AuditEvent event(std::uint64_t serial) {
  AuditEvent e;
  e.stamp.serial = serial;
  return e;
}

}  // namespace

TEST_CASE("events wait while the policy loads and then arrive in order before the next") {
  bool ready = false;
  LoggingSink inner;
  PolicyGate gate([&] { return ready; }, inner);
  gate.on_event(event(1));
  gate.on_event(event(2));
  CHECK(inner.seen.empty());
  ready = true;
  gate.on_event(event(3));
  CHECK(inner.seen == std::vector<std::string>{"e1", "e2", "e3"});
}

TEST_CASE("a restart forgets the events held before it") {
  bool ready = false;
  LoggingSink inner;
  PolicyGate gate([&] { return ready; }, inner);
  gate.on_event(event(1));
  gate.restart();
  gate.on_event(event(2));
  gate.flush();
  CHECK(inner.seen == std::vector<std::string>{"restart", "e2"});
}

TEST_CASE("flush delivers what is held even when the input ended before the policy was ready") {
  LoggingSink inner;
  PolicyGate gate([] { return false; }, inner);
  gate.on_event(event(7));
  gate.flush();
  CHECK(inner.seen == std::vector<std::string>{"e7"});
}

TEST_CASE("past kMaxHeld events the gate stops holding and delivers everything in order") {
  LoggingSink inner;
  PolicyGate gate([] { return false; }, inner);
  for (std::uint64_t i = 0; i <= PolicyGate::kMaxHeld; ++i) gate.on_event(event(i));
  REQUIRE(inner.seen.size() == PolicyGate::kMaxHeld + 1);
  CHECK(inner.seen.front() == "e0");
  CHECK(inner.seen.back() == "e" + std::to_string(PolicyGate::kMaxHeld));
}
