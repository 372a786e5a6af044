#pragma once
/// The hand-over between the two halves of EventReader: the thread that
/// groups records into events with libauparse fills a batch, the thread that
/// reads the events empties it.
///
/// A batch keeps the text of all its records in one buffer and refers to it
/// by offsets, so filling one costs a copy and no allocation once its
/// buffers have grown; batches are recycled between the two threads.
/// Warnings about the input travel in the same batch, between the events,
/// so they come out in input order whichever thread noticed them.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "avcsift/model/audit_stamp.hpp"
#include "avcsift/model/source_location.hpp"
#include "avcsift/parse/event_reader.hpp"

namespace avcsift::parse {

/// Complete events and warnings, in input order.
class EventBatch {
 public:
  /// A record: its type number and its text, header then body.
  struct Record {
    int type = 0;
    std::size_t header_begin = 0, header_size = 0, body_size = 0;
    std::size_t original_size = 0;  ///< of the input line kept after the body, if any.
    std::uint64_t line = 0;  ///< input line the record came from.
  };
  /// An event: a run of records, its stamp and node.
  struct Event {
    std::size_t first_record = 0, record_count = 0;
    AuditStamp stamp;
    std::size_t node_begin = 0, node_size = 0;
  };
  /// A warning about the input, to print where it falls between the events.
  struct Warning {
    SourceLocation where;
    std::string message;
  };
  /// One entry of the batch in input order: an event or a warning.
  struct Item {
    bool is_event = true;
    std::size_t index = 0;  ///< into events() or warnings().
  };

  /// Starts a new event with `stamp` on `node`; records added next belong to it.
  void begin_event(const AuditStamp& stamp, std::string_view node) {
    Event event;
    event.first_record = records_.size();
    event.stamp = stamp;
    event.node_begin = text_.size();
    event.node_size = node.size();
    text_.append(node);
    items_.push_back({true, events_.size()});
    events_.push_back(event);
  }
  /// Adds a record to the event begun last; the facts of its first record
  /// complete the event's stamp.
  void add_record(int type, std::string_view header, std::string_view body, std::uint64_t line,
                  const LineFacts& facts) {
    records_.push_back({type, text_.size(), header.size(), body.size(), facts.original.size(), line});
    text_.append(header);
    text_.append(body);
    text_.append(facts.original);
    Event& event = events_.back();
    if (event.record_count++ == 0) {
      event.stamp.serial_known = facts.serial_known;
      event.stamp.time = facts.time;
    }
  }
  /// Drops the event begun last when none of its records could be added.
  void drop_empty_event() {
    if (!events_.empty() && events_.back().record_count == 0) {
      events_.pop_back();
      items_.pop_back();
    }
  }
  /// Adds a warning after the events so far.
  void add_warning(SourceLocation where, std::string message) {
    items_.push_back({false, warnings_.size()});
    warnings_.push_back({std::move(where), std::move(message)});
  }

  [[nodiscard]] const std::vector<Item>& items() const { return items_; }
  [[nodiscard]] const std::vector<Event>& events() const { return events_; }
  [[nodiscard]] const std::vector<Record>& records() const { return records_; }
  [[nodiscard]] std::vector<Warning>& warnings() { return warnings_; }
  [[nodiscard]] std::string_view header(const Record& r) const { return text(r.header_begin, r.header_size); }
  [[nodiscard]] std::string_view body(const Record& r) const {
    return text(r.header_begin + r.header_size, r.body_size);
  }
  /// The input line of a rewritten record (LineFacts::original), or empty.
  [[nodiscard]] std::string_view original(const Record& r) const {
    return text(r.header_begin + r.header_size + r.body_size, r.original_size);
  }
  [[nodiscard]] std::string_view node(const Event& e) const { return text(e.node_begin, e.node_size); }

  [[nodiscard]] bool empty() const { return items_.empty(); }
  /// Full enough to hand over: big batches make the hand-over cheap, small
  /// ones keep the memory the queue holds small.
  [[nodiscard]] bool full() const { return items_.size() >= kMaxItems || text_.size() >= kMaxBytes; }
  /// Empties the batch, keeping its buffers for the next use.
  void clear() {
    text_.clear();
    records_.clear();
    events_.clear();
    warnings_.clear();
    items_.clear();
  }

 private:
  static constexpr std::size_t kMaxItems = 256;
  static constexpr std::size_t kMaxBytes = 64 * 1024;

  [[nodiscard]] std::string_view text(std::size_t begin, std::size_t size) const {
    return std::string_view(text_).substr(begin, size);
  }

  std::string text_;
  std::vector<Record> records_;
  std::vector<Event> events_;
  std::vector<Warning> warnings_;
  std::vector<Item> items_;
};

}  // namespace avcsift::parse
