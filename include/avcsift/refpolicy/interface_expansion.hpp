#pragma once
/// Expands the calls inside interfaces transitively, so each interface lists
/// everything it grants. Arguments are substituted at every level:
/// `foo($1, bar_t)` calling `allow $2 $1:file read;` gives
/// `allow bar_t $1:file read;` in foo, whatever the depth. (sepolgen maps a
/// nested call's parameters only against its direct caller's arguments.)
#include <cstddef>
#include <vector>

#include "avcsift/refpolicy/interface.hpp"

namespace avcsift::refpolicy {

/// What the expansion could not follow.
struct ExpansionStats {
  std::size_t missing_calls = 0;  ///< calls of names defined nowhere (unexpanded m4 builtins, typos).
  std::size_t cycles = 0;         ///< calls that would recurse; left out.
};

/// Every parsed interface with its calls expanded and its parameters
/// classified, sorted by name (a later definition of a name replaces an
/// earlier one).
[[nodiscard]] std::vector<Interface> expand_interfaces(const std::vector<ParsedInterface>& parsed,
                                                       ExpansionStats& stats);

}  // namespace avcsift::refpolicy
