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
  host_.assign(stamp.has_node ? "n" : "-");
  host_.append(stamp.node);
  key_.assign(host_);
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
  event.host = host_;
  event.seconds = stamp.seconds;
  event.order = records_seen_;
  event.ended_by_type = false;
  // The EOE record that closes the event in libauparse: the header's own
  // node token and stamp text, so libauparse reads the same stamp.
  event.eoe_header.assign(header.substr(0, stamp.type_begin));
  event.eoe_header.append("type=EOE msg=audit(");
  event.eoe_header.append(stamp.stamp);
  event.eoe_header.append("):");
  open_.emplace(key_, id);
  by_host_[host_].emplace(event.seconds, event.order);
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
  make_key(*stamp);
  const auto found = open_.find(key_);
  const EventId id = found != open_.end() ? found->second : open_event(*stamp, header);
  append(events_[id], header, body, line, facts);
  done_.clear();
  if (end_types_.ends_event(stamp->type)) {
    events_[id].ended_by_type = true;
    done_.emplace_back(events_[id].order, id);
  }
  expire(host_, stamp->seconds, done_);
  release_in_order(done_);
  enforce_bound();
}

void EventGrouper::expire(const std::string& host, std::int64_t now,
                          std::vector<std::pair<std::uint64_t, EventId>>& done) {
  const auto open = by_host_.find(host);
  if (open == by_host_.end()) return;
  for (const auto& [seconds, order] : open->second) {
    if (seconds + kEventTimeout >= now) break;
    done.emplace_back(order, by_order_.at(order));
  }
}

void EventGrouper::release_in_order(std::vector<std::pair<std::uint64_t, EventId>>& done) {
  std::sort(done.begin(), done.end());
  done.erase(std::unique(done.begin(), done.end()), done.end());
  for (const auto& entry : done) release(entry.second);
  done.clear();
}

void EventGrouper::release(EventId id) {
  Event& event = events_[id];
  std::size_t offset = 0;
  for (const Record& record : event.records) {
    const std::string_view text(event.text);
    const std::string_view header = text.substr(offset, record.header_size);
    const std::string_view body = text.substr(offset + record.header_size, record.body_size);
    const std::string_view original =
        text.substr(offset + record.header_size + record.body_size, record.original_size);
    offset += record.header_size + record.body_size + record.original_size;
    out_.record(header, body, record.line, {record.serial_known, record.time, original});
  }
  if (!event.ended_by_type) out_.end_event(event.eoe_header);

  open_.erase(event.key);
  const auto host = by_host_.find(event.host);
  host->second.erase({event.seconds, event.order});
  if (host->second.empty()) by_host_.erase(host);
  by_order_.erase(event.order);
  waiting_records_ -= event.records.size();
  waiting_bytes_ -= event.text.size();
  event.records.clear();
  event.text.clear();
  free_.push_back(id);
}

void EventGrouper::enforce_bound() {
  while ((waiting_records_ > kMaxWaitingRecords || waiting_bytes_ > kMaxWaitingBytes) && !by_order_.empty()) {
    ++split_events_;
    release(by_order_.begin()->second);
  }
}

void EventGrouper::release_older_than(std::int64_t now) {
  done_.clear();
  for (const auto& entry : by_host_) expire(entry.first, now, done_);
  release_in_order(done_);
}

void EventGrouper::release_all() {
  while (!by_order_.empty()) release(by_order_.begin()->second);
}

}  // namespace avcsift::parse
