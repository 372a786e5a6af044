#include "avcsift/cli/policy_gate.hpp"

namespace avcsift::cli {

void PolicyGate::on_event(AuditEvent&& event) {
  if (!open_ && !policy_ready_() && held_.size() < kMaxHeld) {
    held_.push_back(std::move(event));
    return;
  }
  flush();
  inner_.on_event(std::move(event));
}

void PolicyGate::restart() {
  held_.clear();
  inner_.restart();
}

void PolicyGate::flush() {
  open_ = true;
  for (AuditEvent& held : held_) inner_.on_event(std::move(held));
  held_.clear();
  held_.shrink_to_fit();
}

}  // namespace avcsift::cli
