#include "xperm_ranges.hpp"

#include <fmt/format.h>

namespace avcsift::emit {
namespace {

constexpr std::uint32_t kMaxIoctlCommand = 0xffff;

std::string hex(std::uint32_t value) { return fmt::format("{:#x}", value); }

std::string cil_item(const XpermRange& range) {
  if (range.low == range.high) return hex(range.low);
  return "(range " + hex(range.low) + ' ' + hex(range.high) + ')';
}

}  // namespace

std::vector<XpermRange> merge_xperm_ranges(const std::set<std::uint32_t>& commands) {
  std::vector<XpermRange> ranges;
  for (const std::uint32_t command : commands) {  // a std::set is already sorted
    if (command > kMaxIoctlCommand) break;
    if (!ranges.empty() && ranges.back().high + 1 == command) {
      ranges.back().high = command;
    } else {
      ranges.push_back({command, command});
    }
  }
  return ranges;
}

std::string te_xperm_set(const std::vector<XpermRange>& ranges) {
  if (ranges.size() == 1 && ranges.front().low == ranges.front().high) return hex(ranges.front().low);
  std::string out = "{";
  for (const auto& range : ranges) {
    out += ' ' + hex(range.low);
    if (range.high != range.low) out += '-' + hex(range.high);
  }
  return out + " }";
}

std::string cil_xperm_set(const std::vector<XpermRange>& ranges) {
  if (ranges.size() == 1 && ranges.front().low != ranges.front().high) return cil_item(ranges.front());
  std::string out = "(";
  for (std::size_t i = 0; i < ranges.size(); ++i) out += (i == 0 ? "" : " ") + cil_item(ranges[i]);
  return out + ')';
}

}  // namespace avcsift::emit
