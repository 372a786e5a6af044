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
/// The grouper plays libauparse's (3.0.9) rules, so output does not change
/// (auparse.c, au_auparse_next_event and the au_lol functions):
/// - a record joins the open event of its node and stamp, else opens one;
///   an EOE record that finds no open event opens none (libauparse eats it);
/// - an event ends at a record of a type that ends events (EventEndTypes);
/// - an event ends once a record 2 s newer or more arrives (sec + 2 <= now,
///   whole seconds; libauparse checks this after each record it keeps);
/// - ended events are handed on in the order of their stamps (seconds,
///   millis, serial; equal stamps by the place libauparse's list gives them,
///   its first free slot), and only while no open event has an older stamp:
///   the oldest open event holds the ended ones back;
/// - libauparse hands on what is ready only after a record that opened an
///   event and at the start of each feed call (delivery_point()), so the
///   grouper does too: the order of events that end between those points is
///   the one libauparse would give.
///
/// One rule differs, on purpose, for an aggregator's log (node= records):
/// the age rule is per node. libauparse ends every open event once a record
/// of any host 2 s newer arrives, so a host whose clock is ahead cut other
/// hosts' events in parts (records of one event arrive mixed with other
/// hosts' records). Here an event ends when a record of its own node is 2 s
/// newer or more, or a record of any node kAnyNodeTimeout (30) seconds newer
/// or more: a host that falls silent holds its open event back at most that
/// long in log time (and to the end of input, or release_older_than in a
/// live feed). Clocks that differ by less than 30 s keep events whole; a
/// host whose clock is further behind has its events ended early, as
/// libauparse ends them. A log of one node (or of nodes whose records are
/// more than 30 s apart or less than 2 s) is grouped exactly as libauparse
/// groups it; AgeRule::AnyNode plays libauparse's own rule everywhere.
///
/// Also on purpose: an event ausearch printed newest record first (a
/// leading PROCTITLE) stays one event, its PROCTITLE handed on last.
///
/// Memory is bounded: at most kMaxWaitingRecords records and
/// kMaxWaitingBytes bytes wait in open events. Beyond that, the event
/// libauparse would hand on next is handed on as it is, and records of it
/// that come later form a second event with the same stamp: an event spread
/// over more of the log than the bound is read in parts, never dropped.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <queue>
#include <set>
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
  /// A record of the event being handed on.
  virtual void record(std::string_view header, std::string_view body, std::uint64_t line,
                      const LineFacts& facts) = 0;
  /// Ends the event handed on last: `eoe_header` is an EOE record's header
  /// with its stamp, which makes libauparse complete it at once.
  virtual void end_event(std::string_view eoe_header) = 0;
  /// The next event's stamp is not newer than the one handed on last:
  /// libauparse must hand that one on before it reads the next, or it would
  /// put the older stamp first.
  virtual void barrier() = 0;
};

/// Which records end an open event by age.
enum class AgeRule {
  /// Records of the event's own node (see EventGrouper): an aggregator's log.
  PerNode,
  /// Records of any node, as libauparse alone (to compare with it).
  AnyNode,
};

/// Groups records by (node, time, serial) as libauparse would.
class EventGrouper {
 public:
  /// Nodes remembered (by name) before those without an open event are
  /// forgotten; an aggregator has thousands, not millions.
  static constexpr std::size_t kNodePruneAt = 1 << 16;
  /// Records waiting in open events, at most.
  static constexpr std::size_t kMaxWaitingRecords = 1 << 17;
  /// Bytes of records waiting in open events, at most.
  static constexpr std::size_t kMaxWaitingBytes = 32u << 20;
  /// libauparse's end_of_event_timeout (auditd.conf's default): an event
  /// ends once a record this many seconds newer arrives.
  static constexpr std::int64_t kEventTimeout = 2;
  /// Any record this many seconds newer ends an open event of any node:
  /// longer than the clock skew of hosts kept in sync (NTP keeps them within
  /// a second; a host set by hand drifts by seconds), short enough that a
  /// silent host holds few events back.
  static constexpr std::int64_t kAnyNodeTimeout = 30;

  explicit EventGrouper(GroupedRecords& out, AgeRule rule = AgeRule::PerNode)
      : out_(out), any_node_timeout_(rule == AgeRule::PerNode ? kAnyNodeTimeout : kEventTimeout) {}

  /// Adds one record (`header` up to `msg=audit(...):`, `body` after it).
  void add(std::string_view header, std::string_view body, std::uint64_t line, const LineFacts& facts);
  /// Where libauparse hands on what is ready: the start of a feed call.
  void delivery_point() { deliver_ready(); }
  /// Ends the events stamped 2 s or more before `now` (of every node), and
  /// hands on the ended ones no older event holds back.
  void release_older_than(std::int64_t now);
  /// Hands on every open event (end of input).
  void release_all();
  /// Events handed on in parts because of the memory bound, so far.
  [[nodiscard]] std::uint64_t split_events() const { return split_events_; }
  /// Records waiting in open events.
  [[nodiscard]] std::size_t waiting_records() const { return waiting_records_; }
  /// Nodes remembered by name (bounded: see kNodePruneAt).
  [[nodiscard]] std::size_t remembered_nodes() const { return node_ids_.size(); }
  /// Records libauparse would skip: headers it cannot read, EOEs of no open event.
  [[nodiscard]] std::uint64_t skipped_records() const { return skipped_records_; }

 private:
  using EventId = std::uint32_t;
  using NodeId = std::uint32_t;
  /// What makes records one event: node and stamp.
  struct EventKey {
    NodeId node = 0;
    std::int64_t seconds = 0;
    std::uint32_t millis = 0;
    std::uint64_t serial = 0;
    bool operator==(const EventKey&) const = default;
  };
  struct EventKeyHash {
    std::size_t operator()(const EventKey& key) const noexcept;
  };
  /// libauparse's delivery order: stamp, then its list slot.
  struct DeliveryKey {
    std::int64_t seconds = 0;
    std::uint32_t millis = 0;
    std::uint64_t serial = 0;
    std::uint32_t slot = 0;
    auto operator<=>(const DeliveryKey&) const = default;
  };
  /// A record's text kept in its event's buffer.
  struct Record {
    std::size_t header_size = 0, body_size = 0, original_size = 0;
    std::uint64_t line = 0;
    bool serial_known = true;
    StampTime time = StampTime::Exact;
  };
  /// An event not yet handed on.
  struct Event {
    EventKey key;
    DeliveryKey delivery;
    std::string eoe_header;
    std::string text;      // headers, bodies, originals of its records
    std::vector<Record> records;
    std::uint64_t order = 0;  // number of its first record
    bool ended_by_type = false;  // its last record ends it in libauparse
    bool ended_by_eoe = false;   // that record is an EOE
    /// Its first record is a PROCTITLE, as ausearch writes events (newest
    /// record first): handed on last, where the kernel logs it.
    bool leading_proctitle = false;
    bool complete = false;       // ended; goes on once no older event is open
  };
  /// An open event in an age index; stale once the event ended or its id
  /// was reused (entries are dropped lazily, when they come to the top).
  struct AgeEntry {
    std::int64_t seconds = 0;
    std::uint64_t order = 0;
    EventId id = 0;
    bool operator>(const AgeEntry& other) const {
      return seconds != other.seconds ? seconds > other.seconds : order > other.order;
    }
  };
  /// Open events by age (seconds, first record), for the age rules: a
  /// min-heap, which costs no allocation per event, unlike a std::map.
  struct AgeIndex {
    std::vector<AgeEntry> heap;
    std::size_t open = 0;  // entries not stale
  };
  /// An event not yet handed on, in libauparse's delivery order.
  struct DeliveryEntry {
    DeliveryKey key;
    EventId id = 0;
    bool operator>(const DeliveryEntry& other) const { return key > other.key; }
  };

  NodeId node_of(const RecordStamp& stamp);
  void forget_idle_nodes();
  EventId open_event(const EventKey& key, const RecordStamp& stamp, std::string_view header);
  void append(Event& event, std::string_view header, std::string_view body, std::uint64_t line,
              const LineFacts& facts);
  void mark_complete(EventId id);
  void expire(AgeIndex& index, std::int64_t now, std::int64_t timeout);
  void add_age(AgeIndex& index, const Event& event, EventId id);
  [[nodiscard]] bool stale(const AgeEntry& entry) const;
  void pop_delivery();
  void deliver_ready();
  void release(EventId id);
  void enforce_bound();

  GroupedRecords& out_;
  std::int64_t any_node_timeout_;
  EventEndTypes end_types_;
  std::string scratch_, node_key_;
  std::vector<Event> events_;       // by EventId; free ones in free_
  std::vector<EventId> free_;
  std::unordered_map<EventKey, EventId, EventKeyHash> open_;  // events not yet ended
  /// Events not yet handed on: a min-heap by DeliveryKey (they leave it
  /// only from its top).
  std::vector<DeliveryEntry> by_delivery_;
  /// libauparse's free list slots: it puts a new event in the first one.
  std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> free_slots_;
  std::uint32_t slots_used_ = 0;
  std::unordered_map<std::string, NodeId> node_ids_;
  std::vector<AgeIndex> by_node_age_;  // by NodeId
  std::vector<NodeId> free_node_ids_;  // of nodes forgotten by forget_idle_nodes()
  /// node_ids_ is pruned when it grows past this: a hostile log of millions
  /// of node names must not keep one entry per name.
  std::size_t node_prune_at_ = kNodePruneAt;
  AgeIndex by_age_;                    // of every node
  bool handed_any_ = false;
  DeliveryKey last_handed_;
  std::uint64_t records_seen_ = 0;
  std::size_t waiting_records_ = 0, waiting_bytes_ = 0;
  std::uint64_t split_events_ = 0, skipped_records_ = 0;
};

}  // namespace avcsift::parse
