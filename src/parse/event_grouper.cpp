#include "event_grouper.hpp"

#include <algorithm>
#include <cstring>

namespace avcsift::parse {
namespace {

/// libauparse completes an open event once a record this many seconds
/// newer than the event's stamp arrives (auditd writes no EOE records).
constexpr std::int64_t kEventTimeout = 2;

template <typename Number>
void append_bytes(std::string& key, Number number) {
  char bytes[sizeof number];
  std::memcpy(bytes, &number, sizeof number);
  key.append(bytes, sizeof number);
}

}  // namespace

void EventGrouper::make_key(const RecordStamp& stamp) {
  key_.assign(stamp.has_node ? "n" : "-");
  key_.append(stamp.node);
  key_ += '\0';
  append_bytes(key_, stamp.seconds);
  append_bytes(key_, stamp.millis);
  append_bytes(key_, stamp.serial);
}

EventGrouper::EventId EventGrouper::open_event(const RecordStamp& stamp, std::string_view header) {
  EventId id = 0;
  if (free_.empty()) {
    id = static_cast<EventId>(events_.size());
    events_.emplace_back();
  } else {
    id = free_.back();
    free_.pop_back();
  }
  Event& event = events_[id];
  event.key = key_;
  event.seconds = stamp.seconds;
  event.order = records_seen_;
  event.ended_by_type = false;
  event.leading_proctitle = false;
  event.complete = false;
  // The EOE record that closes the event in libauparse: the header's own
  // node token and stamp text, so libauparse reads the same stamp.
  event.eoe_header.assign(header.substr(0, stamp.type_begin));
  event.eoe_header.append("type=EOE msg=audit(");
  event.eoe_header.append(stamp.stamp);
  event.eoe_header.append("):");
  open_.emplace(key_, id);
  by_time_.emplace(std::make_pair(event.seconds, event.order), id);
  by_order_.emplace(event.order, id);
  return id;
}

void EventGrouper::append(Event& event, std::string_view header, std::string_view body, std::uint64_t line,
                          const LineFacts& facts) {
  event.records.push_back({header.size(), body.size(), facts.original.size(), line, facts.serial_known, facts.time});
  const std::size_t before = event.text.size();
  event.text.append(header);
  event.text.append(body);
  event.text.append(facts.original);
  ++waiting_records_;
  waiting_bytes_ += event.text.size() - before;
}

void EventGrouper::add(std::string_view header, std::string_view body, std::uint64_t line,
                       const LineFacts& facts) {
  ++records_seen_;
  const auto stamp = read_record_stamp(header, scratch_);
  if (!stamp) {
    // libauparse skips it (and keeps its line number): hand it on as it is.
    out_.record(header, body, line, facts);
    return;
  }
  // libauparse checks which events are complete when a record arrives,
  // before it looks for the record's event.
  expire(stamp->seconds);
  make_key(*stamp);
  const auto found = open_.find(key_);
  const EventId id = found != open_.end() ? found->second : open_event(*stamp, header);
  Event& event = events_[id];
  append(event, header, body, line, facts);
  if (stamp->type == "PROCTITLE" && event.records.size() == 1) {
    // ausearch prints an event's records in reverse, PROCTITLE first. The
    // kernel logs it last and libauparse ends the event on it, which would
    // cut the event in two: it waits, and goes on last.
    event.leading_proctitle = true;
  } else if (end_types_.ends_event(stamp->type)) {
    event.ended_by_type = true;
    mark_complete(id);
  }
  release_complete();
  enforce_bound();
}

void EventGrouper::mark_complete(EventId id) {
  Event& event = events_[id];
  if (event.complete) return;
  event.complete = true;
  // A record of the same stamp that comes later starts a new event.
  open_.erase(event.key);
  by_time_.erase(std::make_pair(event.seconds, event.order));
}

void EventGrouper::expire(std::int64_t now) {
  while (!by_time_.empty() && by_time_.begin()->first.first + kEventTimeout < now) {
    mark_complete(by_time_.begin()->second);
  }
}

void EventGrouper::release_complete() {
  while (!by_order_.empty() && events_[by_order_.begin()->second].complete) release(by_order_.begin()->second);
}

void EventGrouper::release(EventId id) {
  Event& event = events_[id];
  const std::string_view text(event.text);
  const auto hand_on = [&](const Record& record, std::size_t at) {
    const std::string_view header = text.substr(at, record.header_size);
    const std::string_view body = text.substr(at + record.header_size, record.body_size);
    const std::string_view original = text.substr(at + record.header_size + record.body_size, record.original_size);
    out_.record(header, body, record.line, {record.serial_known, record.time, original});
  };
  const auto size_of = [](const Record& record) {
    return record.header_size + record.body_size + record.original_size;
  };
  const bool proctitle_last = event.leading_proctitle;
  std::size_t offset = proctitle_last ? size_of(event.records[0]) : 0;
  for (std::size_t i = proctitle_last ? 1 : 0; i < event.records.size(); ++i) {
    hand_on(event.records[i], offset);
    offset += size_of(event.records[i]);
  }
  // The PROCTITLE ends the event in libauparse, where it goes last.
  if (proctitle_last) hand_on(event.records[0], 0);
  if (!event.ended_by_type && !proctitle_last) out_.end_event(event.eoe_header);

  mark_complete(id);
  by_order_.erase(event.order);
  waiting_records_ -= event.records.size();
  waiting_bytes_ -= event.text.size();
  event.records.clear();
  event.text.clear();
  free_.push_back(id);
}

void EventGrouper::enforce_bound() {
  while ((waiting_records_ > kMaxWaitingRecords || waiting_bytes_ > kMaxWaitingBytes) && !by_order_.empty()) {
    // The oldest event goes on as it is, and the complete ones it held back.
    ++split_events_;
    release(by_order_.begin()->second);
    release_complete();
  }
}

void EventGrouper::release_older_than(std::int64_t now) {
  expire(now);
  release_complete();
}

void EventGrouper::release_all() {
  while (!by_order_.empty()) release(by_order_.begin()->second);
}

}  // namespace avcsift::parse
