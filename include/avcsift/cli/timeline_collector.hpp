#pragma once
/// The event sink in front of `report`'s collector that also records the
/// timeline: denials per time and domain, policy loads, break cycles.
#include <utility>

#include "avcsift/aggregate/denial_timeline.hpp"
#include "avcsift/parse/event_reader.hpp"

namespace avcsift::cli {

/// Notes each event in `timeline`, then hands it to `inner`. Sits inside
/// --since-last-load's scope, so a restart forgets the timeline too.
class TimelineCollector final : public parse::EventSink {
 public:
  TimelineCollector(DenialTimeline& timeline, parse::EventSink& inner) : timeline_(timeline), inner_(inner) {}
  void on_event(AuditEvent&& event) override {
    timeline_.enter_input(event.where.input, event.stamp);
    if (event.policy_load) timeline_.policy_load(event.stamp);
    for (const Denial& denial : event.denials) {
      if (!denial.granted) timeline_.add(event.stamp, denial.source.type, denial.target.type, denial.tclass);
    }
    inner_.on_event(std::move(event));
  }
  void restart() override {
    timeline_.clear();
    inner_.restart();
  }

 private:
  DenialTimeline& timeline_;
  parse::EventSink& inner_;
};

}  // namespace avcsift::cli
