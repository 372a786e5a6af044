#include "avcsift/parse/event_reader.hpp"

#include <auparse.h>
#include <fmt/format.h>

#include <ctime>
#include <exception>
#include <thread>
#include <utility>
#include <vector>

#include "batch_queue.hpp"
#include "event_grouper.hpp"
#include "event_interpreter.hpp"
#include "record_window.hpp"

namespace avcsift::parse {
namespace {

/// Headers are handed to libauparse in chunks of about this size: every
/// auparse_feed() call scans libauparse's open events, so one call per line
/// cost twice as much as the grouping itself.
constexpr std::size_t kFeedChunk = 1 << 14;

/// Where the header of a normalized record ends: just after `msg=audit(...):`.
std::size_t header_end(std::string_view record) {
  const auto stamp = record.find("msg=audit(");
  if (stamp == std::string_view::npos) return record.size();
  const auto close = record.find("):", stamp);
  return close == std::string_view::npos ? record.size() : close + 2;
}

}  // namespace

/// The first half of an EventReader (grouping with libauparse, on the
/// caller's thread) and the second (EventInterpreter, on a worker thread),
/// joined by a BatchQueue.
struct EventReader::Impl final : GroupedRecords {
  std::string input;
  ParseStats& stats;
  EventInterpreter interpreter;
  Concurrency concurrency;
  auparse_state_t* au = nullptr;
  RecordWindow window;
  EventGrouper grouper{*this};
  std::string pending_headers;  // not yet handed to libauparse
  std::size_t headers_since_delivery = 0;  // see delivery_point_if_due()
  bool reported_lost = false;
  bool reported_split = false;
  std::unique_ptr<EventBatch> batch = std::make_unique<EventBatch>();
  BatchQueue queue;
  std::thread worker;
  std::exception_ptr worker_failure;  // set by the worker before it stops
  std::exception_ptr callback_failure;  // thrown in libauparse's callback, rethrown after it returns

  Impl(std::string input_name, EventSink& sink, Diagnostics& diagnostics, ParseStats& st, bool keep_text,
       Concurrency how)
      : input(input_name),
        stats(st),
        interpreter(std::move(input_name), sink, diagnostics, st, keep_text),
        concurrency(how) {
    if (concurrency == Concurrency::WorkerThread) worker = std::thread([this] { work(); });
  }

  ~Impl() override {
    if (worker.joinable()) {
      queue.abandon();
      worker.join();
    }
    if (au != nullptr) auparse_destroy(au);
  }

  /// The worker: interprets batches until the queue closes. A failure (the
  /// sink could not write) stops it; the caller's thread rethrows it.
  void work() {
    try {
      while (auto done = queue.take()) {
        interpreter.process(*done);
        queue.recycle(std::move(done));
      }
    } catch (...) {
      worker_failure = std::current_exception();
      queue.abandon();
    }
  }

  /// Passes the batch on: to the worker, or straight to the interpreter.
  void hand_over_batch() {
    if (batch->empty()) return;
    if (concurrency == Concurrency::SameThread) {
      interpreter.process(*batch);
      batch->clear();
      return;
    }
    if (!queue.hand_over(batch)) rethrow_worker_failure();
  }

  void rethrow_worker_failure() {
    if (worker.joinable()) worker.join();
    if (worker_failure) std::rethrow_exception(std::exchange(worker_failure, nullptr));
  }

  /// Hands the pending headers to libauparse, whose callback fills the
  /// batch; a full batch is passed on afterwards, never from inside the
  /// callback (see callback()).
  void feed_pending_headers() {
    if (!pending_headers.empty()) {
      auparse_feed(au, pending_headers.data(), pending_headers.size());
      // libauparse hands out an event completed by a record added to it
      // (the EOE that ends each event) only at its next call: an empty feed
      // delivers it now rather than with the next chunk.
      auparse_feed(au, pending_headers.data(), 0);
    }
    pending_headers.clear();
    rethrow_callback_failure();
    if (batch->full()) hand_over_batch();
  }

  /// After a libauparse call: what the callback could not throw through it.
  void rethrow_callback_failure() {
    if (callback_failure) std::rethrow_exception(std::exchange(callback_failure, nullptr));
  }

  void warn(SourceLocation where, std::string message) {
    batch->add_warning(std::move(where), std::move(message));
    if (batch->full()) hand_over_batch();
  }

  /// libauparse delivered an event: copy its records into the batch.
  void on_event() {
    if (auparse_first_record(au) <= 0) return;
    AuditStamp stamp;
    std::string_view node;
    if (const au_event_t* when = auparse_get_timestamp(au)) {
      stamp = {static_cast<std::int64_t>(when->sec), when->milli, when->serial};
      if (when->host != nullptr) node = when->host;
    }
    batch->begin_event(stamp, node);
    window.delivered_from(auparse_get_line_number(au));
    std::size_t records = 0;
    do {
      const char* header = auparse_get_record_text(au);
      const auto* fed = window.find(auparse_get_line_number(au));
      if (header == nullptr) continue;
      if (fed == nullptr) {
        if (!std::exchange(reported_lost, true)) {
          batch->add_warning({input, 0}, "an event stayed open too long; its records were dropped");
        }
        continue;
      }
      if (fed->synthetic) continue;
      ++records;
      batch->add_record(auparse_get_type(au), header, fed->body, fed->line,
                        {fed->serial_known, fed->time, fed->original});
    } while (auparse_next_record(au) > 0);
    // An event of only the EOE that EventGrouper added is no event of the log.
    if (records > 0) ++stats.events;
    batch->drop_empty_event();
  }

  /// GroupedRecords: the header to libauparse, the body to the window.
  void record(std::string_view header, std::string_view body, std::uint64_t line,
              const LineFacts& facts) override {
    pending_headers.append(header);
    pending_headers += '\n';
    window.add(body, line, facts);
  }
  void end_event(std::string_view eoe_header) override {
    pending_headers.append(eoe_header);
    pending_headers += '\n';
    window.add_synthetic();
  }
  void barrier() override { feed_pending_headers(); }

  /// Where libauparse handed on what was ready when it grouped alone: at
  /// each feed call, made once the headers fed since the last one reached
  /// kFeedChunk bytes. The grouper hands events on at the same points, so
  /// events that end together keep libauparse's order.
  void count_for_delivery(std::size_t header_bytes) { headers_since_delivery += header_bytes + 1; }
  void delivery_point_if_due() {
    if (headers_since_delivery < kFeedChunk) return;
    headers_since_delivery = 0;
    grouper.delivery_point();
  }

  /// Warns once when the grouper had to hand on an event in parts.
  void note_split_events() {
    if (grouper.split_events() == 0 || std::exchange(reported_split, true)) return;
    feed_pending_headers();
    batch->add_warning({input, 0}, fmt::format("records of one event were spread over more than {} records "
                                               "of the log; such events are read in parts",
                                               EventGrouper::kMaxWaitingRecords));
  }

  /// libauparse's callback. An exception must not unwind through
  /// libauparse's C frames (it would leave the feed half updated, or end the
  /// process where C code has no unwind tables): on_event's (out of memory
  /// while copying records) is kept and rethrown once auparse returns; the
  /// events still delivered in that call are dropped, since the run fails.
  static void callback(auparse_state_t*, auparse_cb_event_t type, void* self) noexcept {
    auto* impl = static_cast<Impl*>(self);
    if (type != AUPARSE_CB_EVENT_READY || impl->callback_failure) return;
    try {
      impl->on_event();
    } catch (...) {
      impl->callback_failure = std::current_exception();
    }
  }
};

EventReader::EventReader(std::string input, EventSink& sink, Diagnostics& diagnostics,
                         ParseStats& stats, bool keep_record_text, Concurrency concurrency)
    : impl_(std::make_unique<Impl>(std::move(input), sink, diagnostics, stats, keep_record_text,
                                   concurrency)) {
  impl_->au = auparse_init(AUSOURCE_FEED, nullptr);
  if (impl_->au == nullptr) throw std::bad_alloc();
  auparse_add_callback(impl_->au, &Impl::callback, impl_.get(), nullptr);
}

EventReader::~EventReader() = default;

void EventReader::feed(std::string_view records, std::size_t record_count, std::uint64_t line,
                       const LineFacts& facts) {
  // Grouped into events first (see EventGrouper), then headers to
  // libauparse and bodies to the window (see RecordWindow).
  while (!records.empty()) {
    const auto newline = records.find('\n');
    const std::string_view record = records.substr(0, newline);
    records.remove_prefix(newline == std::string_view::npos ? records.size() : newline + 1);
    const std::size_t split = header_end(record);
    impl_->count_for_delivery(split);
    impl_->grouper.add(record.substr(0, split), record.substr(split), line, facts);
  }
  impl_->stats.records += record_count;
  impl_->delivery_point_if_due();
  impl_->note_split_events();
  if (impl_->pending_headers.size() >= kFeedChunk) impl_->feed_pending_headers();
}

void EventReader::warn(SourceLocation where, std::string message) {
  impl_->warn(std::move(where), std::move(message));
}

void EventReader::drain() {
  impl_->headers_since_delivery = 0;
  impl_->grouper.delivery_point();
  impl_->feed_pending_headers();
  impl_->hand_over_batch();
  impl_->queue.wait_until_idle();
  // Safe to read: the worker sets it before abandoning the queue, which is
  // what woke us if it failed.
  if (impl_->worker_failure) impl_->rethrow_worker_failure();
}

void EventReader::age() {
  impl_->headers_since_delivery = 0;
  impl_->grouper.release_older_than(static_cast<std::int64_t>(std::time(nullptr)));
  impl_->feed_pending_headers();
  auparse_feed_age_events(impl_->au);
  impl_->rethrow_callback_failure();
  drain();
}

void EventReader::finish() {
  impl_->grouper.release_all();
  impl_->feed_pending_headers();
  auparse_flush_feed(impl_->au);
  impl_->rethrow_callback_failure();
  impl_->hand_over_batch();
  impl_->queue.close();
  impl_->rethrow_worker_failure();
}

}  // namespace avcsift::parse
