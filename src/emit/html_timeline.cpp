// The SVG is drawn here rather than by a charting library: the report must be
// one self-contained file that works with JavaScript off, and a stacked bar
// chart is a few rectangles.
#include "html_timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "html_text.hpp"

namespace avcsift::emit {
namespace {

constexpr double kWidth = 960;
constexpr double kHeight = 200;
constexpr double kLeft = 48;    // room for the count axis
constexpr double kTop = 22;     // room for marker labels
constexpr double kBottom = 24;  // room for the time axis
constexpr const char* kOther = "other";

/// Colors for the busiest domains, then grey for "other"; readable on white
/// and for the common kinds of color blindness (Okabe-Ito).
constexpr const char* kColors[kTimelineDomains] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
                                                   "#56b4e9", "#d55e00", "#f0e442", "#332288"};
constexpr const char* kOtherColor = "#9a9a9a";

/// The busiest domains first (ties by name), at most kTimelineDomains of them.
std::vector<std::string> busiest(const DenialTimeline& timeline, bool& has_other) {
  std::map<std::string, std::uint64_t> totals;
  for (const auto& [start, domains] : timeline.buckets()) {
    for (const auto& [domain, count] : domains) totals[domain] += count;
  }
  std::vector<std::pair<std::string, std::uint64_t>> ranked(totals.begin(), totals.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> names;
  for (const auto& [domain, count] : ranked) {
    if (names.size() == kTimelineDomains) break;
    names.push_back(domain);
  }
  has_other = ranked.size() > names.size();
  return names;
}

std::string clock(std::int64_t seconds) {
  const std::string iso = AuditStamp{seconds, 0, 0}.iso8601();
  return iso.substr(0, 10) + ' ' + iso.substr(11, 8);
}

}  // namespace

void write_timeline_html(std::ostream& out, const DenialTimeline& timeline) {
  const auto& buckets = timeline.buckets();
  if (buckets.empty()) {
    out << "<p class=\"note\">No denials: nothing to draw.</p>\n";
    return;
  }
  bool has_other = false;
  const std::vector<std::string> names = busiest(timeline, has_other);
  const std::int64_t width = timeline.bucket_seconds();
  const std::int64_t t0 = buckets.begin()->first;
  const std::int64_t slots = (buckets.rbegin()->first - t0) / width + 1;
  const std::int64_t t1 = t0 + slots * width;
  std::uint64_t peak = 1;
  for (const auto& [start, domains] : buckets) {
    std::uint64_t sum = 0;
    for (const auto& [domain, count] : domains) sum += count;
    peak = std::max(peak, sum);
  }
  const double plot_w = kWidth - kLeft - 8;
  const double plot_h = kHeight - kTop - kBottom;
  const double slot_w = plot_w / static_cast<double>(slots);
  const auto x_of = [&](std::int64_t t) {
    const double clamped = static_cast<double>(std::clamp(t, t0, t1) - t0);
    return kLeft + clamped / static_cast<double>(t1 - t0) * plot_w;
  };

  out << "<figure class=\"timeline\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << kWidth << ' '
      << kHeight << "\" role=\"img\" aria-label=\"Denials over time per source domain\">\n";
  // Axes: the peak count, the first and last time.
  out << fmt::format("<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n", kLeft, kTop + plot_h,
                     kLeft + plot_w);
  out << fmt::format("<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n", kLeft, kTop,
                     kLeft + plot_w);
  out << fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", kLeft - 6, kTop + 4,
                     peak);
  out << fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>\n", kLeft - 6,
                     kTop + plot_h + 4);
  out << fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\">{}</text>\n", kLeft, kHeight - 6, clock(t0));
  out << fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", kLeft + plot_w,
                     kHeight - 6, clock(t1));
  // Stacked bars, busiest domain at the bottom.
  out << "<g class=\"bars\">\n";
  for (const auto& [start, domains] : buckets) {
    std::vector<std::pair<std::size_t, std::uint64_t>> stack;  // color index, count
    std::uint64_t other = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto found = domains.find(names[i]);
      if (found != domains.end()) stack.emplace_back(i, found->second);
    }
    for (const auto& [domain, count] : domains) {
      if (std::find(names.begin(), names.end(), domain) == names.end()) other += count;
    }
    if (other > 0) stack.emplace_back(names.size(), other);
    double y = kTop + plot_h;
    const double x = x_of(start) + (slot_w > 3 ? 0.5 : 0);
    const double w = std::max(slot_w - (slot_w > 3 ? 1 : 0), 1.0);
    for (const auto& [index, count] : stack) {
      const double h = static_cast<double>(count) / static_cast<double>(peak) * plot_h;
      y -= h;
      const bool is_other = index == names.size();
      out << fmt::format("<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                         "fill=\"{}\"><title>{}: {} denials from {}</title></rect>\n",
                         x, y, w, h, is_other ? kOtherColor : kColors[index],
                         html_escape(is_other ? kOther : names[index]), count, clock(start));
    }
  }
  out << "</g>\n";
  // Break cycles, then policy loads on top.
  const auto& cycles = timeline.cycles();
  double labelled = -1e9;  // where the last label went: close ones would overlap
  for (std::size_t i = 1; i < cycles.size(); ++i) {
    const double x = x_of(cycles[i].start.seconds);
    out << fmt::format("<line class=\"cycle\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\">"
                       "<title>cycle {3} starts</title></line>\n",
                       x, kTop - 4, kTop + plot_h, i + 1);
    if (x - labelled < 48) continue;
    labelled = x;
    const bool at_end = x > kWidth - 60;  // label to the left of the line
    out << fmt::format("<text class=\"mark\" x=\"{:.1f}\" y=\"{}\"{}>cycle {}</text>\n", at_end ? x - 3 : x + 3,
                       kTop - 8, at_end ? " text-anchor=\"end\"" : "", i + 1);
  }
  for (const auto& load : timeline.policy_loads()) {
    const double x = x_of(load.seconds);
    out << fmt::format("<line class=\"load\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\">"
                       "<title>policy load {3}</title></line>\n",
                       x, kTop, kTop + plot_h, clock(load.seconds));
  }
  out << "</svg>\n<figcaption>";
  for (std::size_t i = 0; i < names.size(); ++i) {
    out << "<span class=\"key\"><i style=\"background:" << kColors[i] << "\"></i>" << html_escape(names[i])
        << "</span> ";
  }
  if (has_other) out << "<span class=\"key\"><i style=\"background:" << kOtherColor << "\"></i>other</span> ";
  out << "<span class=\"key\"><i class=\"load-key\"></i>policy load</span> "
      << "<span class=\"key\"><i class=\"cycle-key\"></i>break cycle starts</span>"
      << "<br><small>" << width << " s per bar, " << clock(t0) << " to " << clock(t1) << " UTC</small>"
      << "</figcaption>\n</figure>\n";
}

}  // namespace avcsift::emit
