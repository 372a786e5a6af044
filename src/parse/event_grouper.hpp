#pragma once
/// Groups records into events before libauparse sees them, so that
/// libauparse only ever holds one open event.
///
/// libauparse looks each record's event up in a linear list of its open
/// events, and checks every open event after every record: records of many
/// events interleaved (an aggregator's log of many hosts, or a hostile log)
/// cost time quadratic in their number (24,000 such events took 27 s). The
/// grouper finds a record's event in a hash table and hands libauparse the
/// records of each event together, closed by an EOE record, so libauparse's
/// list stays one event long and the cost is linear.
///
/// Where an event ends and the order events go on in are libauparse's
/// (3.0.9), so output does not change: an event ends at a record of a type
/// that ends events (EventEndTypes), or once a record (of any host) more than
/// 2 seconds newer arrives; events go on in the order of their first
/// records, an ended event waiting for the older ones still open. (libauparse
/// itself sometimes hands on events that end together in another order;
/// only the order of `why`'s text output can differ, see bench/README.md.) Hosts whose clocks
/// differ by more than 2 s therefore cut each other's interleaved events into
/// parts, as in ausearch.
///
/// Memory is bounded: at most kMaxWaitingRecords records and
/// kMaxWaitingBytes bytes wait in open events. Beyond that, the event whose
/// first record is oldest is handed on as it is, and records of it that come
/// later form a second event with the same stamp: an event spread over more
/// of the log than the bound is read in parts, never dropped.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "avcsift/model/audit_stamp.hpp"
#include "avcsift/parse/event_reader.hpp"
#include "event_end_types.hpp"
#include "record_stamp.hpp"

namespace avcsift::parse {

/// Receives the records of complete events, one event at a time.
class GroupedRecords {
 public:
  virtual ~GroupedRecords() = default;
  /// A record of the event being handed on (or a record libauparse will
  /// skip as malformed, handed on at once).
  virtual void record(std::string_view header, std::string_view body, std::uint64_t line,
                      const LineFacts& facts) = 0;
  /// Ends the event handed on last: `eoe_header` is an EOE record's header
  /// with its stamp, which makes libauparse complete it at once.
  virtual void end_event(std::string_view eoe_header) = 0;
};

/// Groups records by (node, time, serial) as libauparse would.
class EventGrouper {
 public:
  /// Records waiting in open events, at most.
  static constexpr std::size_t kMaxWaitingRecords = 1 << 17;
  /// Bytes of records waiting in open events, at most.
  static constexpr std::size_t kMaxWaitingBytes = 32u << 20;

  explicit EventGrouper(GroupedRecords& out) : out_(out) {}

  /// Adds one record (`header` up to `msg=audit(...):`, `body` after it).
  void add(std::string_view header, std::string_view body, std::uint64_t line, const LineFacts& facts);
  /// Ends the events stamped more than 2 seconds before `now`, and hands on
  /// the ended ones no older event holds back.
  void release_older_than(std::int64_t now);
  /// Hands on every open event (end of input).
  void release_all();
  /// Events handed on in parts because of the memory bound, so far.
  [[nodiscard]] std::uint64_t split_events() const { return split_events_; }
  /// Records waiting in open events.
  [[nodiscard]] std::size_t waiting_records() const { return waiting_records_; }

 private:
  /// A record's text kept in its event's buffer.
  struct Record {
    std::size_t header_size = 0, body_size = 0, original_size = 0;
    std::uint64_t line = 0;
    bool serial_known = true;
    StampTime time = StampTime::Exact;
  };
  /// An open event.
  struct Event {
    std::string key;       // node and stamp, see make_key()
    std::string eoe_header;
    std::string text;      // headers, bodies, originals of its records
    std::vector<Record> records;
    std::int64_t seconds = 0;
    std::uint64_t order = 0;  // number of its first record
    bool ended_by_type = false;  // its last record ends it in libauparse
    /// Its first record is a PROCTITLE, as ausearch writes events (newest
    /// record first): handed on last, where the kernel logs it.
    bool leading_proctitle = false;
    bool complete = false;       // ended; goes on once the older events have
  };
  using EventId = std::uint32_t;

  void make_key(const RecordStamp& stamp);
  EventId open_event(const RecordStamp& stamp, std::string_view header);
  void append(Event& event, std::string_view header, std::string_view body, std::uint64_t line,
              const LineFacts& facts);
  void mark_complete(EventId id);
  void expire(std::int64_t now);
  void release_complete();
  void release(EventId id);
  void enforce_bound();

  GroupedRecords& out_;
  EventEndTypes end_types_;
  std::string scratch_, key_;
  std::vector<Event> events_;       // by EventId; free ones in free_
  std::vector<EventId> free_;
  std::unordered_map<std::string, EventId> open_;  // events not yet ended, by key
  /// Events not yet ended by (seconds, order), for the age rule.
  std::map<std::pair<std::int64_t, std::uint64_t>, EventId> by_time_;
  std::map<std::uint64_t, EventId> by_order_;  // events not yet handed on, by first record
  std::uint64_t records_seen_ = 0;
  std::size_t waiting_records_ = 0, waiting_bytes_ = 0;
  std::uint64_t split_events_ = 0;
};

}  // namespace avcsift::parse
