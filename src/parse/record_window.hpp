#pragma once
/// The record bodies waiting while libauparse groups their headers.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "avcsift/model/audit_stamp.hpp"
#include "avcsift/parse/event_reader.hpp"

namespace avcsift::parse {

/// The records handed to libauparse, by the line number libauparse gives
/// them. libauparse is fed only each record's header (node, type, stamp):
/// that is all it needs to group records into events, and tokenizing the
/// bodies (which avcsift reads itself) was most of its cost. The bodies wait
/// here until libauparse delivers their event. EventGrouper hands libauparse
/// whole events, so few records wait; the window still grows while its
/// oldest record waits, up to kMaxSize, and a record pushed out beyond that
/// is reported, not guessed.
class RecordWindow {
 public:
  static constexpr std::size_t kInitialSize = 1 << 12;
  /// Bounds memory (bodies of at most this many records wait).
  static constexpr std::size_t kMaxSize = 1 << 18;

  /// A record waiting for its event.
  struct Slot {
    std::string body;      // capacity is reused: no allocation per record
    std::string original;  // LineFacts::original; empty for raw lines
    std::uint64_t line = 0;
    bool serial_known = true;
    StampTime time = StampTime::Exact;
    bool waiting = false;    // fed, not yet delivered in an event
    std::uint64_t fed_line = 0;  // the number libauparse gives it
    bool synthetic = false;  // an EOE record avcsift added to end an event
  };

  /// Remembers the body, input line and facts of the next record fed.
  void add(std::string_view body, std::uint64_t source_line, const LineFacts& facts) {
    Slot& slot = next_slot();
    slot.body.assign(body);
    slot.original.assign(facts.original);
    slot.line = source_line;
    slot.serial_known = facts.serial_known;
    slot.time = facts.time;
    slot.synthetic = false;
  }
  /// Takes the place of a record avcsift made up (not part of the input).
  void add_synthetic() {
    Slot& slot = next_slot();
    slot.body.clear();
    slot.original.clear();
    slot.synthetic = true;
  }
  /// libauparse delivered an event whose first record it numbers `fed_line`.
  /// EventGrouper feeds whole events, which libauparse delivers in the order
  /// fed: a record fed before it that still waits never comes (libauparse
  /// skipped it), and must not keep the window growing.
  void delivered_from(std::uint64_t fed_line) {
    if (fed_line > floor_) floor_ = fed_line;
  }
  /// The record libauparse numbers `fed_line`, or null when out of the window.
  [[nodiscard]] const Slot* find(std::uint64_t fed_line) {
    if (fed_line == 0 || fed_line > fed_ || fed_ - fed_line >= slots_.size()) return nullptr;
    Slot& slot = slots_[(fed_line - 1) % slots_.size()];
    slot.waiting = false;
    return &slot;
  }

 private:
  Slot& next_slot() {
    const Slot& next = slots_[fed_ % slots_.size()];
    if (next.waiting && next.fed_line >= floor_ && slots_.size() < kMaxSize) grow();
    Slot& slot = slots_[fed_++ % slots_.size()];
    slot.waiting = true;
    slot.fed_line = fed_;
    return slot;
  }
  /// Doubles the window, keeping the records fed lines fed_-size+1 .. fed_.
  void grow() {
    std::vector<Slot> bigger(slots_.size() * 2);
    for (std::uint64_t line = fed_ - slots_.size() + 1; line <= fed_; ++line) {
      bigger[(line - 1) % bigger.size()] = std::move(slots_[(line - 1) % slots_.size()]);
    }
    slots_ = std::move(bigger);
  }

  std::vector<Slot> slots_{kInitialSize};
  std::uint64_t fed_ = 0;
  std::uint64_t floor_ = 0;  // see delivered_from()
};

}  // namespace avcsift::parse
