// The events EventGrouper hands libauparse come out of libauparse as
// libauparse alone would have grouped and ordered them: the same records in
// each event, the events in the same order. libauparse itself is the oracle.
#include <auparse.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "event_grouper.hpp"

using avcsift::parse::EventGrouper;
using avcsift::parse::GroupedRecords;
using avcsift::parse::LineFacts;

namespace {

/// Events as the input lines of their records, in the order delivered.
using Events = std::vector<std::vector<std::uint64_t>>;

/// A libauparse feed of record headers; collects the events it delivers.
class LibauparseFeed {
 public:
  LibauparseFeed() : au_(auparse_init(AUSOURCE_FEED, nullptr)) {
    auparse_add_callback(au_, &LibauparseFeed::callback, this, nullptr);
  }
  ~LibauparseFeed() { auparse_destroy(au_); }
  LibauparseFeed(const LibauparseFeed&) = delete;
  LibauparseFeed& operator=(const LibauparseFeed&) = delete;

  /// Queues a header; `line` 0 marks a record that is no input line.
  void add(std::string_view header, std::uint64_t line) {
    pending_.append(header);
    pending_ += '\n';
    input_line_.push_back(line);
  }
  /// One feed call with what is queued, and an empty one that hands on
  /// the event its last record completed (as EventReader does).
  void feed() {
    auparse_feed(au_, pending_.data(), pending_.size());
    auparse_feed(au_, pending_.data(), 0);
    pending_.clear();
  }
  Events finish() {
    feed();
    auparse_flush_feed(au_);
    return events_;
  }

 private:
  static void callback(auparse_state_t* au, auparse_cb_event_t type, void* self) {
    if (type != AUPARSE_CB_EVENT_READY || auparse_first_record(au) <= 0) return;
    auto& feed = *static_cast<LibauparseFeed*>(self);
    std::vector<std::uint64_t> lines;
    do {
      const std::uint64_t line = feed.input_line_.at(auparse_get_line_number(au) - 1);
      if (line != 0) lines.push_back(line);
    } while (auparse_next_record(au) > 0);
    if (!lines.empty()) feed.events_.push_back(std::move(lines));
  }

  auparse_state_t* au_;
  std::string pending_;
  std::vector<std::uint64_t> input_line_;  // by the line number libauparse counts
  Events events_;
};

/// EventGrouper in front of a libauparse feed, as in EventReader.
struct GrouperThenLibauparse : GroupedRecords {
  LibauparseFeed feed;
  void record(std::string_view header, std::string_view, std::uint64_t line, const LineFacts&) override {
    feed.add(header, line);
  }
  void end_event(std::string_view eoe_header) override { feed.add(eoe_header, 0); }
  void barrier() override { feed.feed(); }
};

/// The records of a hand-written log (its `#` lines skipped), headers only.
std::vector<std::string> headers_of(const std::string& name) {
  std::ifstream in(std::string(AVCSIFT_TESTDATA_DIR) + "/audit-logs/" + name);
  REQUIRE(in);
  std::vector<std::string> headers;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto end = line.find("):");
    headers.push_back(end == std::string::npos ? line : line.substr(0, end + 2));
  }
  return headers;
}

/// libauparse alone, fed every header in one call: what avcsift read
/// before the grouper (a log this small was one feed call).
Events libauparse_alone(const std::vector<std::string>& headers) {
  LibauparseFeed feed;
  for (std::size_t i = 0; i < headers.size(); ++i) feed.add(headers[i], i + 1);
  return feed.finish();
}

Events grouper_then_libauparse(const std::vector<std::string>& headers) {
  GrouperThenLibauparse out;
  EventGrouper grouper(out);
  for (std::size_t i = 0; i < headers.size(); ++i) grouper.add(headers[i], "", i + 1, {});
  grouper.release_all();
  return out.feed.finish();
}

}  // namespace

TEST_CASE("events that end together are handed on in libauparse's order: by stamp, the oldest open one first") {
  const auto headers = headers_of("order-same-moment.log");
  const Events expected = libauparse_alone(headers);
  CHECK(grouper_then_libauparse(headers) == expected);
  // What libauparse does, spelled out: events ended by one record go on by
  // stamp, not by their first records; an older open event holds them back.
  REQUIRE(expected.size() >= 3);
  CHECK(expected[0] == std::vector<std::uint64_t>{3, 4});
}

TEST_CASE("equal stamps on several nodes and a stamp reopened after its event ended keep libauparse's order") {
  const auto headers = headers_of("order-equal-stamps.log");
  CHECK(grouper_then_libauparse(headers) == libauparse_alone(headers));
}

TEST_CASE("an event ends at a record exactly 2 s newer, not later, as in libauparse") {
  const auto headers = headers_of("order-timeout.log");
  const Events expected = libauparse_alone(headers);
  CHECK(grouper_then_libauparse(headers) == expected);
  // The SYSCALL 2 s after its AVC's second is an event of its own.
  CHECK(std::find(expected.begin(), expected.end(), std::vector<std::uint64_t>{3}) != expected.end());
}

TEST_CASE("EOE records of ended events and headers libauparse refuses change no event and no order") {
  const auto headers = headers_of("order-eoe-malformed.log");
  CHECK(grouper_then_libauparse(headers) == libauparse_alone(headers));
}
