#include "avcsift/cli/rule_collector.hpp"

#include "avcsift/explain/selinux_errors.hpp"

namespace avcsift::cli {

void RuleCollector::on_event(AuditEvent&& event) {
  for (const Denial& denial : event.denials) {
    if (!filter_.keeps(denial)) continue;
    add(denial);
  }
  for (const InvalidContext& report : event.invalid_contexts) {
    if (!filter_.keeps_source_type(report.context.type)) continue;
    rules_.add(report);
  }
  // A refused NNP/nosuid exec transition is fixed by an allow rule on class
  // process2: it folds in like the AVC denial the kernel did not log.
  for (const SelinuxError& error : event.selinux_errors) {
    auto denial = explain::transition_denial(error, event);
    if (!denial || !filter_.keeps(*denial)) continue;
    add(*denial);
  }
}

void RuleCollector::add(const Denial& denial) {
  if (nodes_ != nullptr) nodes_->add(denial);
  rules_.add(denial, denial.granted ? Verdict{} : verdicts_.verdict_for(denial));
}

}  // namespace avcsift::cli
