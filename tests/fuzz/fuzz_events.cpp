// Fuzzes event parsing: the input's lines through input::LineNormalizer into
// parse::EventReader (libauparse grouping, AVC/USER_AVC/SELINUX_ERR and
// context record readers) and into a sink that checks every denial that
// comes out could safely become policy.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

#include "avcsift/input/line_normalizer.hpp"
#include "avcsift/model/diagnostics.hpp"
#include "avcsift/model/identifier.hpp"
#include "avcsift/parse/event_reader.hpp"
#include "fuzz_checks.hpp"

namespace {

using avcsift::fuzz::expect;
using avcsift::is_valid_identifier;

class CheckingSink : public avcsift::parse::EventSink {
 public:
  void on_event(avcsift::AuditEvent&& event) override {
    for (const auto& denial : event.denials) {
      expect(is_valid_identifier(denial.source.type), "source type");
      expect(is_valid_identifier(denial.target.type), "target type");
      expect(is_valid_identifier(denial.source.role), "source role");
      expect(is_valid_identifier(denial.tclass), "class");
      expect(!denial.permissions.empty(), "no permissions");
      for (const auto& perm : denial.permissions) expect(is_valid_identifier(perm), "permission");
    }
    for (const auto& report : event.invalid_contexts) {
      expect(is_valid_identifier(report.context.role), "invalid-context role");
      expect(is_valid_identifier(report.context.type), "invalid-context type");
    }
    // Transition reports name the types of the rule avcsift writes from them.
    for (const auto& error : event.selinux_errors) {
      if (error.kind != avcsift::SelinuxErrorKind::BoundedTransition) continue;
      expect(is_valid_identifier(error.old_context.type), "bounded-transition old type");
      expect(is_valid_identifier(error.new_context.type), "bounded-transition new type");
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::ostringstream messages;
  avcsift::Diagnostics diagnostics(messages);
  avcsift::parse::ParseStats stats;
  CheckingSink sink;
  avcsift::input::LineNormalizer normalizer(2026);
  avcsift::input::NormalizedLine normalized;
  {
    avcsift::parse::EventReader events("fuzz.log", sink, diagnostics, stats);
    std::uint64_t number = 0;
    while (!input.empty()) {
      const auto newline = input.find('\n');
      const std::string_view line = input.substr(0, newline);
      input.remove_prefix(newline == std::string_view::npos ? input.size() : newline + 1);
      ++number;
      normalizer.normalize(line, normalized);
      if (normalized.kind == avcsift::input::LineKind::Records && normalized.record_count > 0) {
        events.feed(normalized.records, normalized.record_count, number);
      }
    }
    events.finish();
  }
  diagnostics.finish();
  // Warnings quote log text only escaped: one line each, printable.
  for (char c : messages.str()) {
    expect(c == '\n' || (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f),
           "unescaped byte in a diagnostic");
  }
  return 0;
}
