#include "event_grouper.hpp"

#include <algorithm>
#include <climits>
#include <tuple>

namespace avcsift::parse {

std::size_t EventGrouper::EventKeyHash::operator()(const EventKey& key) const noexcept {
  // The serial differs between the events of one host, the node between
  // hosts; mixing both with the time keeps equal serials of many hosts apart.
  std::uint64_t hash = key.serial * 0x9E3779B97F4A7C15ull;
  hash ^= (static_cast<std::uint64_t>(key.seconds) * 1000 + key.millis) * 0xC2B2AE3D27D4EB4Full;
  hash ^= static_cast<std::uint64_t>(key.node) * 0x165667B19E3779F9ull;
  return static_cast<std::size_t>(hash ^ (hash >> 29));
}

namespace {

/// The index of an element of `pool` to use: one freed earlier (its
/// buffers' capacity is reused), else a new one appended.
template <typename Element, typename Id>
Id take_or_append(std::vector<Element>& pool, std::vector<Id>& freed) {
  if (freed.empty()) {
    pool.emplace_back();
    return static_cast<Id>(pool.size() - 1);
  }
  const Id id = freed.back();
  freed.pop_back();
  return id;
}

}  // namespace

EventGrouper::NodeId EventGrouper::node_of(const RecordStamp& stamp) {
  // A record without node= is the local host's, never a node named "".
  node_key_.assign(stamp.has_node ? "n" : "-");
  node_key_.append(stamp.node);
  if (const auto found = node_ids_.find(node_key_); found != node_ids_.end()) return found->second;
  if (node_ids_.size() >= node_prune_at_) forget_idle_nodes();
  const NodeId id = take_or_append(by_node_age_, free_node_ids_);
  node_ids_.emplace(node_key_, id);
  return id;
}

void EventGrouper::forget_idle_nodes() {
  // A node without an open event has no id in use: an ended event never
  // looks its node up again (mark_complete() runs once), so the id can go
  // to another name.
  for (auto it = node_ids_.begin(); it != node_ids_.end();) {
    AgeIndex& index = by_node_age_[it->second];
    if (index.open != 0) {
      ++it;
      continue;
    }
    index = AgeIndex{};
    free_node_ids_.push_back(it->second);
    it = node_ids_.erase(it);
  }
  // Many nodes with open events at once: prune again only after as many
  // more, so the cost stays linear.
  node_prune_at_ = std::max(kNodePruneAt, 2 * node_ids_.size());
}

EventGrouper::EventId EventGrouper::open_event(const EventKey& key, const RecordStamp& stamp,
                                               std::string_view header) {
  const EventId id = take_or_append(events_, free_);
  std::uint32_t slot = slots_used_;
  if (free_slots_.empty()) {
    ++slots_used_;
  } else {
    slot = free_slots_.top();
    free_slots_.pop();
  }
  Event& event = events_[id];
  event.key = key;
  event.delivery = {key.seconds, key.millis, key.serial, slot};
  event.order = records_seen_;
  event.ended_by_type = false;
  event.leading_proctitle = false;
  event.ended_by_eoe = false;
  event.complete = false;
  // The EOE record that closes the event in libauparse: the header's own
  // node token and stamp text, so libauparse reads the same stamp.
  event.eoe_header.assign(header.substr(0, stamp.type_begin));
  event.eoe_header.append("type=EOE msg=audit(");
  event.eoe_header.append(stamp.stamp);
  event.eoe_header.append("):");
  open_.emplace(key, id);
  by_delivery_.push_back({event.delivery, id});
  std::push_heap(by_delivery_.begin(), by_delivery_.end(), std::greater<>{});
  add_age(by_node_age_[key.node], event, id);
  add_age(by_age_, event, id);
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
    // libauparse skips it: nothing is handed on, so nothing waits for it.
    ++skipped_records_;
    return;
  }
  const NodeId node = node_of(*stamp);
  const EventKey key{node, stamp->seconds, stamp->millis, stamp->serial};
  const auto found = open_.find(key);
  const bool opens = found == open_.end();
  if (opens && stamp->type == "EOE") {
    // The EOE of an event that already ended: libauparse eats it.
    ++skipped_records_;
    return;
  }
  const EventId id = opens ? open_event(key, *stamp, header) : found->second;
  Event& event = events_[id];
  append(event, header, body, line, facts);
  if (stamp->type == "PROCTITLE" && event.records.size() == 1) {
    // ausearch prints an event's records in reverse, PROCTITLE first. The
    // kernel logs it last and libauparse ends the event on it, which would
    // cut the event in two: it waits, and goes on last.
    event.leading_proctitle = true;
  } else if (end_types_.ends_event(stamp->type)) {
    event.ended_by_type = true;
    event.ended_by_eoe = stamp->type == "EOE";
    mark_complete(id);
  }
  // libauparse checks the ages of the open events after it kept a record,
  // and hands on what is ready only after a record that opened an event.
  expire(by_node_age_[node], stamp->seconds, kEventTimeout);
  expire(by_age_, stamp->seconds, any_node_timeout_);
  if (opens) deliver_ready();
  enforce_bound();
}

void EventGrouper::mark_complete(EventId id) {
  Event& event = events_[id];
  if (event.complete) return;
  event.complete = true;
  // A record of the same stamp that comes later starts a new event.
  open_.erase(event.key);
  // Its entries in the age indexes are stale from now on.
  --by_node_age_[event.key.node].open;
  --by_age_.open;
}

namespace {

/// `now` is `timeout` seconds or more after `seconds`; exact for any two
/// times (a log can hold seconds near both ends of the range).
bool aged(std::int64_t seconds, std::int64_t now, std::int64_t timeout) {
  return now >= seconds && static_cast<std::uint64_t>(now) - static_cast<std::uint64_t>(seconds) >=
                               static_cast<std::uint64_t>(timeout);
}

}  // namespace

void EventGrouper::add_age(AgeIndex& index, const Event& event, EventId id) {
  auto& heap = index.heap;
  // Stale entries sink to the top only as they age: drop them all once
  // they are most of the heap, so it stays as small as the open events.
  if (heap.size() > 2 * index.open + 64) {
    heap.erase(std::remove_if(heap.begin(), heap.end(), [&](const AgeEntry& entry) { return stale(entry); }),
               heap.end());
    std::make_heap(heap.begin(), heap.end(), std::greater<>{});
  }
  heap.push_back({event.key.seconds, event.order, id});
  std::push_heap(heap.begin(), heap.end(), std::greater<>{});
  ++index.open;
}

bool EventGrouper::stale(const AgeEntry& entry) const {
  const Event& event = events_[entry.id];
  return event.complete || event.order != entry.order;
}

void EventGrouper::expire(AgeIndex& index, std::int64_t now, std::int64_t timeout) {
  auto& heap = index.heap;
  while (!heap.empty()) {
    const AgeEntry top = heap.front();
    const bool ended = stale(top);
    if (!ended && !aged(top.seconds, now, timeout)) return;
    std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
    heap.pop_back();
    if (!ended) mark_complete(top.id);
  }
}

void EventGrouper::pop_delivery() {
  std::pop_heap(by_delivery_.begin(), by_delivery_.end(), std::greater<>{});
  by_delivery_.pop_back();
}

void EventGrouper::deliver_ready() {
  while (!by_delivery_.empty() && events_[by_delivery_.front().id].complete) {
    release(by_delivery_.front().id);
  }
}

void EventGrouper::release(EventId id) {
  Event& event = events_[id];
  const auto stamp_of = [](const DeliveryKey& key) { return std::tie(key.seconds, key.millis, key.serial); };
  // libauparse orders what it holds by stamp, then by its own list slots,
  // which differ from the ones it had alone: it must hand on the last event
  // before it reads one that does not come after it.
  if (handed_any_ && stamp_of(event.delivery) <= stamp_of(last_handed_)) out_.barrier();
  handed_any_ = true;
  last_handed_ = event.delivery;

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
  // After a leading PROCTITLE, the record that ended the event (an EOE that
  // auditd hands its plugins) would end it in libauparse before the
  // PROCTITLE, which would then wait alone: an EOE is left out (libauparse
  // eats a lone one), another record goes on after the PROCTITLE.
  const bool end_after = proctitle_last && event.ended_by_type && event.records.size() > 1;
  const std::size_t body_end = event.records.size() - (end_after ? 1 : 0);
  std::size_t offset = proctitle_last ? size_of(event.records[0]) : 0;
  for (std::size_t i = proctitle_last ? 1 : 0; i < body_end; ++i) {
    hand_on(event.records[i], offset);
    offset += size_of(event.records[i]);
  }
  // The PROCTITLE ends the event in libauparse, where it goes last.
  if (proctitle_last) hand_on(event.records[0], 0);
  if (end_after && !event.ended_by_eoe) hand_on(event.records.back(), offset);
  if (!event.ended_by_type && !proctitle_last) out_.end_event(event.eoe_header);

  mark_complete(id);
  pop_delivery();  // release() is only ever called on the heap's top
  free_slots_.push(event.delivery.slot);
  waiting_records_ -= event.records.size();
  waiting_bytes_ -= event.text.size();
  event.records.clear();
  event.text.clear();
  free_.push_back(id);
}

void EventGrouper::enforce_bound() {
  while ((waiting_records_ > kMaxWaitingRecords || waiting_bytes_ > kMaxWaitingBytes) && !by_delivery_.empty()) {
    // The event libauparse would hand on next goes on as it is, and the
    // ended ones it held back.
    ++split_events_;
    release(by_delivery_.front().id);
    deliver_ready();
  }
}

void EventGrouper::release_older_than(std::int64_t now) {
  // libauparse's auparse_feed_age_events: every node's events, by the clock.
  expire(by_age_, now, kEventTimeout);
  deliver_ready();
}

void EventGrouper::release_all() {
  while (!by_delivery_.empty()) release(by_delivery_.front().id);
}

}  // namespace avcsift::parse
