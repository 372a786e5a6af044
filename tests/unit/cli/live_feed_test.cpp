// LiveFeed: a byte stream cut anywhere still yields whole records and events.
#include "avcsift/cli/live_feed.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <sstream>
#include <vector>

#include "avcsift/input/line_reader.hpp"

using avcsift::AuditEvent;
using avcsift::Diagnostics;
using avcsift::cli::IngestStats;
using avcsift::cli::LiveFeed;

namespace {

struct CollectingSink final : avcsift::parse::EventSink {
  std::vector<AuditEvent> events;
  void on_event(AuditEvent&& event) override { events.push_back(std::move(event)); }
};

struct Harness {
  std::ostringstream warnings;
  Diagnostics diagnostics{warnings};
  IngestStats stats;
  CollectingSink sink;
  LiveFeed feed{"<stdin>", sink, diagnostics, stats};
};

/// An AVC, SYSCALL, EOE event stamped `seconds` (default: 2026-11-25 10:00, long ago).
std::string event(int serial, const std::string& perm, std::int64_t seconds = 1795600800) {
  const std::string stamp = "msg=audit(" + std::to_string(seconds) + ".100:" + std::to_string(serial) + "):";
  return "type=AVC " + stamp + " avc:  denied  { " + perm + " } for  pid=1 comm=\"cat\" "
         "scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=file\n"
         "type=SYSCALL " + stamp + " arch=c000003e syscall=257 success=no exit=-13 comm=\"cat\"\n"
         "type=EOE " + stamp + "\n";
}

}  // namespace

TEST_CASE("a live feed delivers events ended by EOE records however the stream is cut") {
  // Stamped now: age() may deliver them only because their EOE record is in
  // (libauparse checks for it when a later line arrives, or when aging).
  Harness h;
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  const std::string stream = event(500, "read", now) + event(501, "write", now);
  for (std::size_t at = 0; at < stream.size(); at += 7) h.feed.feed(std::string_view(stream).substr(at, 7));
  h.feed.age();
  REQUIRE(h.sink.events.size() == 2);
  CHECK(h.sink.events[0].denials.at(0).permissions == std::vector<std::string>{"read"});
  CHECK(h.sink.events[1].denials.at(0).permissions == std::vector<std::string>{"write"});
  CHECK(h.stats.lines == 6);
  CHECK(h.stats.bytes == stream.size());
  CHECK(h.warnings.str().empty());
}

TEST_CASE("a live feed holds a fresh event without EOE record when aged") {
  Harness h;
  std::string stream = event(500, "read", static_cast<std::int64_t>(std::time(nullptr)));
  stream.resize(stream.find("type=EOE"));
  h.feed.feed(stream);
  h.feed.age();
  CHECK(h.sink.events.empty());
  h.feed.finish();
  CHECK(h.sink.events.size() == 1);
}

TEST_CASE("a live feed reads a last line without newline and open events at the end") {
  Harness h;
  std::string stream = event(500, "read");
  stream.resize(stream.find("type=SYSCALL") - 1);  // the AVC record alone, no newline, no EOE
  h.feed.feed(stream);
  CHECK(h.sink.events.empty());
  h.feed.finish();
  REQUIRE(h.sink.events.size() == 1);
  CHECK(h.stats.lines == 1);
  CHECK(h.stats.bytes == stream.size());
}

TEST_CASE("a live feed ages out an old event that has no EOE record") {
  Harness h;
  std::string stream = event(500, "read");
  stream.resize(stream.find("type=EOE"));
  h.feed.feed(stream);
  CHECK(h.sink.events.empty());
  h.feed.age();  // stamped in 2026-11-25 10:00, long before now
  CHECK(h.sink.events.size() == 1);
}

TEST_CASE("a live feed skips an overlong line with a warning and reads the next") {
  Harness h;
  const std::string huge(avcsift::input::kMaxLineLength + 10, 'x');
  h.feed.feed(huge.substr(0, 1000));
  h.feed.feed(huge.substr(1000));
  h.feed.feed("\n" + event(500, "read"));
  h.feed.finish();
  CHECK(h.sink.events.size() == 1);
  CHECK(h.stats.malformed_lines == 1);
  CHECK(h.warnings.str() == "avcsift: warning: <stdin>:1: line of " + std::to_string(huge.size()) +
                                " bytes is too long, skipped\n");
}
