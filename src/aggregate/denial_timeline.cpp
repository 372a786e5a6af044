#include "avcsift/aggregate/denial_timeline.hpp"

#include <algorithm>
#include <array>

namespace avcsift {
namespace {

/// Bucket widths; each is a multiple of the one before, so buckets merge
/// exactly when the span grows (and the result does not depend on order).
constexpr std::array<std::int64_t, 15> kWidths{1,    5,    10,    30,    60,    300,   600,   1800,
                                               3600, 10800, 21600, 43200, 86400, 604800, 1209600};

std::int64_t floor_to(std::int64_t seconds, std::int64_t width) {
  const std::int64_t q = seconds / width;
  return (seconds % width < 0 ? q - 1 : q) * width;
}

std::int64_t next_width(std::int64_t width) {
  for (const auto w : kWidths) {
    if (w > width) return w;
  }
  return width * 2;
}

}  // namespace

const char* cycle_start_name(CycleStart start) {
  switch (start) {
    case CycleStart::Input: return "input";
    case CycleStart::PolicyLoad: return "policy_load";
  }
  return "input";
}

void DenialTimeline::start_cycle(const std::string& input, CycleStart by, const AuditStamp& stamp) {
  // A boundary before any denial (a load at the top of a log) only renames
  // the empty cycle; past kMaxCycles, the last cycle goes on.
  if (cycles_.empty() || (cycles_.back().denials > 0 && cycles_.size() < kMaxCycles)) cycles_.emplace_back();
  Cycle& cycle = cycles_.back();
  if (cycle.denials > 0) return;
  cycle.input = input;
  cycle.started_by = by;
  cycle.start = stamp;
  cycle.end = stamp;
}

void DenialTimeline::enter_input(const std::string& input, const AuditStamp& stamp) {
  if (any_input_ && input == input_) return;
  any_input_ = true;
  input_ = input;
  start_cycle(input, CycleStart::Input, stamp);
}

void DenialTimeline::policy_load(const AuditStamp& stamp) {
  if (loads_.size() < kMaxCycles) loads_.push_back(stamp);
  start_cycle(input_, CycleStart::PolicyLoad, stamp);
}

void DenialTimeline::add(const AuditStamp& stamp, const std::string& source, const std::string& target,
                         const std::string& tclass) {
  if (cycles_.empty()) start_cycle(input_, CycleStart::Input, stamp);
  Cycle& cycle = cycles_.back();
  if (cycle.denials == 0 && cycle.started_by == CycleStart::Input) cycle.start = stamp;
  ++cycle.denials;
  if (cycle.end < stamp) cycle.end = stamp;
  cycle.rules.emplace(source, target, tclass);
  ++buckets_[floor_to(stamp.seconds, width_)][source];
  widen();
}

void DenialTimeline::widen() {
  while (buckets_.size() > 1 && (buckets_.rbegin()->first - buckets_.begin()->first) / width_ >= kMaxBuckets) {
    width_ = next_width(width_);
    rebucket();
  }
}

void DenialTimeline::rebucket() {
  std::map<std::int64_t, std::map<std::string, std::uint64_t>> merged;
  for (auto& [start, domains] : buckets_) {
    auto& into = merged[floor_to(start, width_)];
    for (const auto& [domain, count] : domains) into[domain] += count;
  }
  buckets_ = std::move(merged);
}

void DenialTimeline::merge(const DenialTimeline& other) {
  // The final width depends only on the span of the denials (each width
  // divides the next), so widening to the larger and then as the joint
  // span demands gives what one run over both inputs gives.
  width_ = std::max(width_, other.width_);
  for (const auto& [start, domains] : other.buckets_) {
    auto& into = buckets_[start];
    for (const auto& [domain, count] : domains) into[domain] += count;
  }
  rebucket();
  widen();
  loads_.insert(loads_.end(), other.loads_.begin(), other.loads_.end());
  std::sort(loads_.begin(), loads_.end());
  if (loads_.size() > kMaxCycles) loads_.resize(kMaxCycles);
  cycles_.clear();
  input_.clear();
  any_input_ = false;
}

DenialTimeline DenialTimeline::restore(std::int64_t width,
                                       std::map<std::int64_t, std::map<std::string, std::uint64_t>> buckets,
                                       std::vector<AuditStamp> loads) {
  DenialTimeline timeline;
  timeline.width_ = width;
  timeline.buckets_ = std::move(buckets);
  timeline.loads_ = std::move(loads);
  timeline.rebucket();
  timeline.widen();
  return timeline;
}

bool DenialTimeline::valid_width(std::int64_t width) {
  if (width <= 0) return false;
  if (std::find(kWidths.begin(), kWidths.end(), width) != kWidths.end()) return true;
  std::int64_t w = kWidths.back();
  while (w < width && w < (std::int64_t{1} << 60)) w *= 2;
  return w == width;
}

void DenialTimeline::finish() {
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (auto& cycle : cycles_) {
    cycle.new_rules = 0;
    for (const auto& rule : cycle.rules) {
      if (!seen.contains(rule)) ++cycle.new_rules;
    }
    seen.insert(cycle.rules.begin(), cycle.rules.end());
  }
  // Cycles without a denial (a trailing policy load) say nothing.
  if (!cycles_.empty() && cycles_.back().denials == 0 && cycles_.size() > 1) cycles_.pop_back();
}

}  // namespace avcsift
