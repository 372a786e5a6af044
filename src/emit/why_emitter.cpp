#include "avcsift/emit/why_emitter.hpp"

#include <ostream>
#include <sstream>

#include "avcsift/model/identifier.hpp"

namespace avcsift::emit {

WhyEmitter::WhyEmitter(std::ostream& out, BooleanDescriber describe_boolean)
    : out_(out), describe_boolean_(std::move(describe_boolean)) {}

namespace {

void write_permissive_note(std::ostream& out, const Denial& denial) {
  if (denial.permissive.value_or(false)) {
    out << "\n\tavcsift: logged in permissive mode (permissive=1): the access was not blocked.\n";
  }
}

}  // namespace

void WhyEmitter::add(const Denial& denial, const Verdict& verdict) {
  // The record as logged; control bytes escaped so a log cannot drive the terminal.
  out_ << escape_for_comment(denial.record) << '\n';
  write_why_explanation(out_, verdict, describe_boolean_);
  write_permissive_note(out_, denial);
  out_ << '\n';
}

void WhyEmitter::add_stable(const Denial& denial, const Verdict& verdict) {
  auto found = rendered_.find(&verdict);
  if (found == rendered_.end()) {
    std::ostringstream text;
    write_why_explanation(text, verdict, describe_boolean_);
    found = rendered_.emplace(&verdict, text.str()).first;
  }
  out_ << escape_for_comment(denial.record) << '\n' << found->second;
  write_permissive_note(out_, denial);
  out_ << '\n';
}

void WhyEmitter::add_report(const std::string& record, const std::vector<std::string>& explanation,
                            std::uint64_t count, const AuditStamp& first, const AuditStamp& last) {
  out_ << escape_for_comment(record) << "\n\n\tWas caused by:\n";
  // The explanation's log text is escaped by its builder (explain/selinux_errors).
  for (const auto& line : explanation) out_ << "\t\t" << line << '\n';
  if (count > 0) {
    out_ << "\n\tavcsift: seen " << count << (count == 1 ? " time" : " times") << ", first " << first.iso8601()
         << ", last " << last.iso8601() << '\n';
  }
  out_ << '\n';
}

void WhyEmitter::add(const DistinctDenial& denial) {
  out_ << escape_for_comment(denial.first.record) << '\n';
  write_why_explanation(out_, denial.verdict, describe_boolean_);
  write_permissive_note(out_, denial.first);
  out_ << "\n\tavcsift: seen " << denial.count << (denial.count == 1 ? " time" : " times")
       << ", first " << denial.first_seen.described() << ", last " << denial.last_seen.described()
       << "\n\n";
}

}  // namespace avcsift::emit
