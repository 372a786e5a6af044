// Fuzzes input::LineNormalizer: every line format detector, stamp reader and
// record splitter, on the lines of the input as LineReader would cut them.
// Checks that records come out in the shape libauparse's feed expects.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "avcsift/input/line_normalizer.hpp"
#include "fuzz_checks.hpp"

using avcsift::fuzz::expect;
using avcsift::input::LineKind;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  avcsift::input::LineNormalizer normalizer(2026);
  avcsift::input::NormalizedLine out;
  while (!input.empty()) {
    const auto newline = input.find('\n');
    const std::string_view line = input.substr(0, newline);
    input.remove_prefix(newline == std::string_view::npos ? input.size() : newline + 1);
    normalizer.normalize(line, out);
    if (out.kind != LineKind::Records) {
      expect(out.records.empty() && out.record_count == 0, "records left on a line without any");
      expect(out.kind != LineKind::Malformed || !out.problem.empty(), "malformed without a problem");
      continue;
    }
    // One record per '\n'-terminated line, each with a header libauparse reads.
    std::size_t count = 0;
    std::string_view records = out.records;
    while (!records.empty()) {
      const auto end = records.find('\n');
      expect(end != std::string_view::npos, "record without its newline");
      const std::string_view record = records.substr(0, end);
      records.remove_prefix(end + 1);
      expect(record.starts_with("type=") || record.starts_with("node="), "record header");
      expect(record.find(" msg=audit(") != std::string_view::npos, "record stamp");
      ++count;
    }
    expect(count == out.record_count, "record_count");
  }
  return 0;
}
