#include "avcsift/cli/rule_collector.hpp"

namespace avcsift::cli {

void RuleCollector::on_event(AuditEvent&& event) {
  for (const Denial& denial : event.denials) {
    if (!filter_.keeps(denial)) continue;
    if (denial.granted) {
      rules_.add(denial, Verdict{});
      continue;
    }
    rules_.add(denial, verdicts_.verdict_for(denial));
  }
  for (const InvalidContext& report : event.invalid_contexts) {
    if (!filter_.keeps_source_type(report.context.type)) continue;
    rules_.add(report);
  }
}

}  // namespace avcsift::cli
