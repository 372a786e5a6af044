// The HTML timeline: the busiest domains by name, the rest stacked as
// "other", whether the log has 1 domain or 50.
#include "html_timeline.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using avcsift::AuditStamp;
using avcsift::DenialTimeline;
using avcsift::emit::kTimelineDomains;
using avcsift::emit::write_timeline_html;

namespace {

std::string svg_of(const DenialTimeline& timeline) {
  std::ostringstream out;
  write_timeline_html(out, timeline);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("a timeline of one domain names it and has no other") {
  DenialTimeline timeline;
  for (std::int64_t t = 0; t < 10; ++t) timeline.add(AuditStamp{1000 + t, 0, 0}, "httpd_t", "etc_t", "file");
  const auto svg = svg_of(timeline);
  CHECK(count(svg, "<span class=\"key\"><i style=") == 1);
  CHECK(svg.find("></i>httpd_t</span>") != std::string::npos);
  CHECK(svg.find("other</span>") == std::string::npos);
  CHECK(count(svg, "<rect class=\"bar\"") == 10);
}

TEST_CASE("a timeline of 50 domains names the busiest and stacks the rest as other") {
  DenialTimeline timeline;
  for (int d = 0; d < 50; ++d) {
    const std::string domain = "d" + std::to_string(100 + d) + "_t";
    // Domain d is denied d+1 times: d149_t is the busiest.
    for (int n = 0; n <= d; ++n) timeline.add(AuditStamp{1000 + n, 0, 0}, domain, "etc_t", "file");
  }
  const auto svg = svg_of(timeline);
  CHECK(count(svg, "<span class=\"key\"><i style=") == kTimelineDomains + 1);
  CHECK(svg.find("></i>d149_t</span>") != std::string::npos);
  CHECK(svg.find("></i>d142_t</span>") != std::string::npos);
  CHECK(svg.find("></i>d141_t</span>") == std::string::npos);
  CHECK(svg.find("></i>other</span>") != std::string::npos);
  // Per bucket at most kTimelineDomains named bars plus one "other" bar.
  CHECK(count(svg, "<rect class=\"bar\"") <= 50 * (kTimelineDomains + 1));
  CHECK(svg.find("<title>other: ") != std::string::npos);
}

TEST_CASE("a timeline without denials says so instead of drawing") {
  CHECK(svg_of(DenialTimeline{}) == "<p class=\"note\">No denials: nothing to draw.</p>\n");
}
