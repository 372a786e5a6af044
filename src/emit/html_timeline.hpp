#pragma once
// The timeline of the HTML report: an inline SVG of denials over time,
// stacked per source domain, with policy loads and break cycles marked.
#include <iosfwd>

#include "avcsift/aggregate/denial_timeline.hpp"

namespace avcsift::emit {

/// Most domains drawn by name; the others are stacked together as "other".
inline constexpr std::size_t kTimelineDomains = 8;

/// Writes the SVG and its legend (a <figure>), or a short note when there
/// were no denials.
void write_timeline_html(std::ostream& out, const DenialTimeline& timeline);

}  // namespace avcsift::emit
