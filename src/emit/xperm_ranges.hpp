#pragma once
// Extended permissions (ioctl command numbers) as the policy languages write
// them: sorted numbers merged into ranges, the way sepolgen's XpermSet does
// for audit2allow -x. Private to emit/: the .te and CIL emitters share it.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace avcsift::emit {

/// An inclusive range of ioctl command numbers.
struct XpermRange {
  std::uint32_t low = 0;   ///< first number.
  std::uint32_t high = 0;  ///< last number (== low for a single one).
};

/// Merges `commands` into sorted, non-overlapping ranges; adjacent numbers
/// join (0x5401 0x5402 0x5403 -> 0x5401-0x5403). Numbers above 0xffff cannot
/// be named in an xperm rule (the kernel logs 16-bit commands) and are left out.
[[nodiscard]] std::vector<XpermRange> merge_xperm_ranges(const std::set<std::uint32_t>& commands);

/// .te syntax: `0x8910`, or `{ 0x5401-0x5403 0x8910 }` for more than one number.
[[nodiscard]] std::string te_xperm_set(const std::vector<XpermRange>& ranges);

/// CIL syntax: `(range 0x5401 0x5403)` for one range, `(0x8910)` for one
/// number, `(0x8910 (range 0x5401 0x5403))` for several (secilc takes no bare number).
[[nodiscard]] std::string cil_xperm_set(const std::vector<XpermRange>& ranges);

}  // namespace avcsift::emit
