// EventReader: normalized records through libauparse into AuditEvents.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "avcsift/parse/event_reader.hpp"

using avcsift::AuditEvent;
using avcsift::AuditStamp;
using avcsift::Diagnostics;
using avcsift::parse::EventReader;
using avcsift::parse::EventSink;
using avcsift::parse::ParseStats;

namespace {

struct CollectingSink : EventSink {
  std::vector<AuditEvent> events;
  void on_event(AuditEvent&& event) override { events.push_back(std::move(event)); }
};

/// One EventReader on input `audit.log`, with its sink, warnings and counters.
struct Harness {
  std::ostringstream warnings;
  Diagnostics diagnostics{warnings};
  ParseStats stats;
  CollectingSink sink;
  EventReader reader{"audit.log", sink, diagnostics, stats};
  std::uint64_t line = 0;

  /// Feeds each record as the next input line.
  void feed(std::initializer_list<std::string_view> records) {
    for (const auto record : records) {
      const std::string text = std::string(record) + "\n";
      reader.feed(text, 1, ++line);
    }
  }
  std::vector<AuditEvent>& finish() {
    reader.finish();
    return sink.events;
  }
};

constexpr const char* kContexts =
    "scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=file";

std::string avc(std::string_view stamp, std::string_view fields = "") {
  return "type=AVC msg=audit(" + std::string(stamp) + "): avc:  denied  { read } for  pid=1 " +
         std::string(fields) + (fields.empty() ? "" : " ") + kContexts + " permissive=0";
}

std::string syscall(std::string_view stamp, std::string_view fields) {
  return "type=SYSCALL msg=audit(" + std::string(stamp) + "): arch=c000003e " + std::string(fields);
}

}  // namespace

TEST_CASE("the records of one event are grouped into one AuditEvent") {
  Harness h;
  h.feed({syscall("1795600800.123:456",
                  "syscall=257 success=no exit=-13 comm=\"httpd\" exe=\"/usr/sbin/httpd\""),
          avc("1795600800.123:456", "comm=\"httpd\" name=\"index.html\""),
          "type=CWD msg=audit(1795600800.123:456): cwd=\"/\"",
          "type=PATH msg=audit(1795600800.123:456): item=0 name=\"/var/www/html/index.html\" inode=1",
          "type=PROCTITLE msg=audit(1795600800.123:456): "
          "proctitle=2F7573722F7362696E2F6874747064002D44464F524547524F554E44"});
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  const AuditEvent& event = events[0];
  CHECK(event.stamp == AuditStamp{1795600800, 123, 456});
  CHECK(event.node.empty());
  REQUIRE(event.denials.size() == 1);
  REQUIRE(event.syscall);
  CHECK(event.syscall->syscall == "257");
  CHECK(event.cwd == "/");
  CHECK(event.paths == std::vector<std::string>{"/var/www/html/index.html"});
  CHECK(event.proctitle == "/usr/sbin/httpd -DFOREGROUND");
  CHECK(event.where.str() == "audit.log:1");

  const auto& denial = event.denials[0];
  CHECK(denial.stamp == event.stamp);
  CHECK(denial.comm == "httpd");
  CHECK(denial.exe == "/usr/sbin/httpd");
  CHECK(denial.name == "index.html");
  CHECK(denial.path == "/var/www/html/index.html");
  CHECK(denial.where.str() == "audit.log:2");
  CHECK(denial.record == avc("1795600800.123:456", "comm=\"httpd\" name=\"index.html\""));

  CHECK(h.stats.records == 5);
  CHECK(h.stats.events == 1);
  CHECK(h.stats.denials == 1);
  CHECK(h.stats.granted == 0);
  CHECK(h.stats.malformed_records == 0);
  CHECK(h.warnings.str().empty());
}

TEST_CASE("an event cut off at the end of the input is delivered by finish") {
  Harness h;
  h.feed({syscall("1795600800.100:500", "syscall=2 success=no exit=-13 comm=\"cat\""),
          avc("1795600800.100:500")});
  CHECK(h.sink.events.empty());
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  CHECK(events[0].denials.size() == 1);
  CHECK(events[0].syscall);
}

TEST_CASE("interlaced events are kept apart") {
  Harness h;
  h.feed({avc("1795600800.100:500", "comm=\"first\""),
          avc("1795600800.200:501", "comm=\"second\""),
          "type=PATH msg=audit(1795600800.100:500): item=0 name=\"/etc/first\"",
          "type=PATH msg=audit(1795600800.200:501): item=0 name=\"/etc/second\"",
          syscall("1795600800.200:501", "syscall=2 success=no exit=-13 exe=\"/bin/second\""),
          syscall("1795600800.100:500", "syscall=2 success=no exit=-13 exe=\"/bin/first\"")});
  auto& events = h.finish();
  REQUIRE(events.size() == 2);
  std::sort(events.begin(), events.end(),
            [](const AuditEvent& a, const AuditEvent& b) { return a.stamp < b.stamp; });
  REQUIRE(events[0].denials.size() == 1);
  REQUIRE(events[1].denials.size() == 1);
  CHECK(events[0].stamp.serial == 500);
  CHECK(events[0].denials[0].comm == "first");
  CHECK(events[0].denials[0].exe == "/bin/first");
  CHECK(events[0].denials[0].path == "/etc/first");
  CHECK(events[1].stamp.serial == 501);
  CHECK(events[1].denials[0].comm == "second");
  CHECK(events[1].denials[0].exe == "/bin/second");
  CHECK(events[1].denials[0].path == "/etc/second");
}

TEST_CASE("the same serial on two nodes makes two events") {
  Harness h;
  h.feed({"node=host1 " + avc("1795600900.000:880", "comm=\"one\""),
          "node=host2 " + avc("1795600900.000:880", "comm=\"two\""),
          "node=host1 type=PATH msg=audit(1795600900.000:880): item=0 name=\"/one\"",
          "node=host2 type=PATH msg=audit(1795600900.000:880): item=0 name=\"/two\""});
  auto& events = h.finish();
  REQUIRE(events.size() == 2);
  std::sort(events.begin(), events.end(),
            [](const AuditEvent& a, const AuditEvent& b) { return a.node < b.node; });
  CHECK(events[0].node == "host1");
  CHECK(events[1].node == "host2");
  REQUIRE(events[0].denials.size() == 1);
  REQUIRE(events[1].denials.size() == 1);
  CHECK(events[0].denials[0].node == "host1");
  CHECK(events[0].denials[0].comm == "one");
  CHECK(events[0].denials[0].path == "/one");
  CHECK(events[1].denials[0].node == "host2");
  CHECK(events[1].denials[0].path == "/two");
}

TEST_CASE("two denials of one event both get the event's context") {
  Harness h;
  h.feed({avc("1795600800.100:500"), avc("1795600800.100:500", "comm=\"own\""),
          syscall("1795600800.100:500", "syscall=2 success=no exit=-13 comm=\"sys\" exe=\"/bin/x\"")});
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  REQUIRE(events[0].denials.size() == 2);
  CHECK(events[0].denials[0].comm == "sys");
  CHECK(events[0].denials[1].comm == "own");
  CHECK(events[0].denials[0].exe == "/bin/x");
  CHECK(events[0].denials[1].exe == "/bin/x");
  CHECK(h.stats.denials == 2);
}

TEST_CASE("an AVC_PATH record gives the denial its path") {
  Harness h;
  h.feed({avc("1795600800.100:500", "name=\"index.html\""),
          "type=AVC_PATH msg=audit(1795600800.100:500):  path=\"/var/www/html/index.html\"",
          "type=PATH msg=audit(1795600800.100:500): item=0 name=\"/other\""});
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  REQUIRE(events[0].denials.size() == 1);
  CHECK(events[0].denials[0].path == "/var/www/html/index.html");
}

TEST_CASE("the AVC's own path= wins over AVC_PATH and PATH") {
  Harness h;
  h.feed({avc("1795600800.100:500", "path=\"/own\""),
          "type=AVC_PATH msg=audit(1795600800.100:500):  path=\"/avc_path\"",
          "type=PATH msg=audit(1795600800.100:500): item=0 name=\"/path\""});
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  CHECK(events[0].denials[0].path == "/own");
}

TEST_CASE("a relative PATH name is joined to the CWD") {
  Harness h;
  h.feed({avc("1795600800.100:500", "name=\"config.php\""),
          "type=CWD msg=audit(1795600800.100:500): cwd=\"/var/www/html\"",
          "type=PATH msg=audit(1795600800.100:500): item=0 name=\"config/config.php\""});
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  CHECK(events[0].denials[0].path == "/var/www/html/config/config.php");
}

TEST_CASE("an absolute PATH name is preferred to a relative one") {
  Harness h;
  h.feed({avc("1795600800.100:500"),
          "type=CWD msg=audit(1795600800.100:500): cwd=\"/\"",
          "type=PATH msg=audit(1795600800.100:500): item=0 name=\"x\"",
          "type=PATH msg=audit(1795600800.100:500): item=1 name=\"/etc/x\""});
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  CHECK(events[0].denials[0].path == "/etc/x");
}

TEST_CASE("a malformed AVC is warned about with its input line") {
  Harness h;
  h.reader.feed("type=CWD msg=audit(1795600800.100:500): cwd=\"/\"\n", 1, 3);
  h.reader.feed(
      "type=AVC msg=audit(1795600800.100:500): avc:  denied  { read } for  pid=1 "
      "scontext=u:r:a_t tcontext=u:r:b_t\n",
      1, 7);
  auto& events = h.finish();
  CHECK(events.empty());
  CHECK(h.warnings.str() == "avcsift: warning: audit.log:7: AVC record without tclass=\n");
  CHECK(h.stats.malformed_records == 1);
  CHECK(h.stats.denials == 0);
}

TEST_CASE("records that share an input line share its number") {
  Harness h;
  h.reader.feed(
      "type=PATH msg=audit(1795600800.100:500): item=0 name=\"/x\"\n"
      "type=AVC msg=audit(1795600800.100:500): avc:  denied  { re-ad } for  pid=1\n",
      2, 12);
  h.reader.feed("type=AVC msg=audit(1795600800.200:501): avc:  denied  { read } for x=1\n", 1, 13);
  h.finish();
  CHECK(h.warnings.str() ==
        "avcsift: warning: audit.log:12: invalid permission name 're-ad'\n"
        "avcsift: warning: audit.log:13: AVC record without scontext=\n");
  CHECK(h.stats.records == 3);
}

TEST_CASE("an event with nothing SELinux-relevant is not delivered") {
  Harness h;
  h.feed({syscall("1795600800.100:500", "syscall=2 success=yes exit=3 comm=\"cat\""),
          "type=PATH msg=audit(1795600800.100:500): item=0 name=\"/etc/x\"",
          "type=CRED_ACQ msg=audit(1795600801.001:501): pid=1 uid=0 msg='op=PAM:setcred res=success'"});
  CHECK(h.finish().empty());
  CHECK(h.stats.events == 2);
}

TEST_CASE("a syscall failing with EACCES is delivered without a denial") {
  Harness h;
  h.feed({syscall("1795600800.100:500", "syscall=257 success=no exit=-13 comm=\"cat\" exe=\"/bin/cat\""),
          "type=PATH msg=audit(1795600800.100:500): item=0 name=\"/etc/shadow\""});
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  CHECK(events[0].denials.empty());
  REQUIRE(events[0].syscall);
  CHECK(events[0].syscall->exe == "/bin/cat");
  CHECK(events[0].paths == std::vector<std::string>{"/etc/shadow"});
}

TEST_CASE("an interpreted syscall failing with EPERM is delivered") {
  Harness h;
  h.feed({"type=SYSCALL msg=audit(1795600800.100:500): arch=x86_64 syscall=setuid success=no "
          "exit=EPERM(Operation not permitted) comm=su"});
  CHECK(h.finish().size() == 1);
}

TEST_CASE("a syscall failing with another error is not delivered") {
  Harness h;
  h.feed({syscall("1795600800.100:500", "syscall=2 success=no exit=-2 comm=\"cat\"")});
  CHECK(h.finish().empty());
}

TEST_CASE("a granted record is delivered and counted apart from denials") {
  Harness h;
  h.feed({"type=AVC msg=audit(1795600800.100:500): avc:  granted  { setenforce } for  pid=1 "
          "scontext=u:r:sysadm_t:s0 tcontext=u:object_r:security_t:s0 tclass=security"});
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  REQUIRE(events[0].denials.size() == 1);
  CHECK(events[0].denials[0].granted);
  CHECK(h.stats.granted == 1);
  CHECK(h.stats.denials == 0);
}

TEST_CASE("a USER_AVC becomes a userspace denial") {
  Harness h;
  h.feed({"type=USER_AVC msg=audit(1795600800.100:500): pid=1 uid=0 auid=4294967295 "
          "msg='avc:  denied  { status } for auid=n/a uid=0 gid=0 cmdline=\"\" "
          "scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:system_r:init_t:s0 tclass=system "
          "exe=\"/usr/lib/systemd/systemd\" sauid=0 hostname=? addr=? terminal=?'"});
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  REQUIRE(events[0].denials.size() == 1);
  CHECK(events[0].denials[0].origin == avcsift::DecisionOrigin::Userspace);
  CHECK(events[0].denials[0].target.type == "init_t");
}

TEST_CASE("a policy load is delivered and counted") {
  Harness h;
  h.feed({"type=MAC_POLICY_LOAD msg=audit(1795600791.666:2): auid=4294967295 ses=4294967295 "
          "lsm=selinux res=1"});
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  CHECK(events[0].policy_load);
  CHECK(events[0].denials.empty());
  CHECK(h.stats.policy_loads == 1);
}

TEST_CASE("a policyload notice is not a policy load of its own") {
  Harness h;
  h.feed({"type=AVC msg=audit(1795600792.000:3): avc:  received policyload notice (seqno=2)",
          "type=USER_AVC msg=audit(1795600792.004:4): pid=640 uid=101 auid=4294967295 ses=4294967295 "
          "msg='avc:  received policyload notice (seqno=2)  exe=\"/usr/bin/dbus-daemon\"'"});
  h.finish();
  CHECK(h.stats.policy_loads == 0);
}

TEST_CASE("the start of an old auditd marks a policy load and audit 3's start does not") {
  Harness h;
  h.feed({"type=DAEMON_START msg=audit(1795600790.512:2003): auditd start, ver=2.8.5 format=raw "
          "kernel=4.19.0-27-amd64 auid=4294967295 pid=598 uid=0 ses=4294967295 res=success",
          "type=DAEMON_START msg=audit(1795600795.733:2005): op=start ver=3.0.9 format=enriched "
          "kernel=6.1.0-28-amd64 auid=4294967295 pid=612 uid=0 ses=4294967295 res=success"});
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  CHECK(events[0].stamp.serial == 2003);
  CHECK(h.stats.policy_loads == 1);
}

TEST_CASE("a SELINUX_ERR compute_sid report is delivered with its line") {
  Harness h;
  h.feed({syscall("1795600800.100:500", "syscall=59 success=yes exit=0 comm=\"plonectl\""),
          "type=SELINUX_ERR msg=audit(1795600800.100:500): op=security_compute_sid "
          "invalid_context=\"unconfined_u:unconfined_r:plone_t:s0\" "
          "scontext=unconfined_u:unconfined_r:unconfined_t:s0 "
          "tcontext=system_u:object_r:plonectl_exec_t:s0 tclass=process"});
  auto& events = h.finish();
  REQUIRE(events.size() == 1);
  REQUIRE(events[0].invalid_contexts.size() == 1);
  CHECK(events[0].invalid_contexts[0].context.type == "plone_t");
  CHECK(events[0].invalid_contexts[0].where.str() == "audit.log:2");
}

TEST_CASE("a malformed SELINUX_ERR report is warned about") {
  Harness h;
  h.feed({"type=SELINUX_ERR msg=audit(1795600800.100:500): op=security_compute_sid scontext=u:r:a_t:s0"});
  CHECK(h.finish().empty());
  CHECK(h.warnings.str() ==
        "avcsift: warning: audit.log:1: SELINUX_ERR compute_sid report without the invalid context\n");
}

namespace {

/// Feeds `count` events, every seventh with a malformed AVC and a caller's
/// warning after every fifth, through a reader of the given concurrency;
/// returns what the sink and the warnings saw, as text.
std::string read_many(avcsift::parse::Concurrency concurrency, int count) {
  std::ostringstream warnings;
  Diagnostics diagnostics{warnings, 1000000};
  ParseStats stats;
  CollectingSink sink;
  std::string seen;
  {
    EventReader reader{"audit.log", sink, diagnostics, stats, true, concurrency};
    std::uint64_t line = 0;
    for (int i = 0; i < count; ++i) {
      const std::string stamp = std::to_string(1795600800 + i) + ".100:" + std::to_string(1000 + i);
      const std::string record = i % 7 == 0 ? "type=AVC msg=audit(" + stamp + "): avc:  denied  { read } for\n"
                                            : avc(stamp, "comm=\"c" + std::to_string(i) + "\"") + "\n";
      reader.feed(record, 1, ++line);
      if (i % 5 == 0) reader.warn({"audit.log", line}, "caller's warning " + std::to_string(i));
    }
    reader.finish();
  }
  for (const auto& event : sink.events) seen += event.stamp.str() + " " + event.denials.at(0).comm + "\n";
  return seen + "--\n" + warnings.str();
}

struct ThrowingSink : EventSink {
  int left;
  explicit ThrowingSink(int events) : left(events) {}
  void on_event(AuditEvent&&) override {
    if (--left == 0) throw std::runtime_error("output is gone");
  }
};

}  // namespace

TEST_CASE("the worker thread delivers the same events and warnings in the same order as one thread") {
  const std::string threaded = read_many(avcsift::parse::Concurrency::WorkerThread, 5000);
  const std::string inline_ = read_many(avcsift::parse::Concurrency::SameThread, 5000);
  CHECK(threaded == inline_);
  // Several batches went through, and the warnings are all there.
  CHECK(std::count(threaded.begin(), threaded.end(), '\n') == 5000 - 715 + 1 + 715 + 1000);
  CHECK(threaded.find("avcsift: warning: audit.log:4996: caller's warning 4995\n") != std::string::npos);
}

TEST_CASE("a sink that fails on the worker thread stops the reader and its error reaches the caller") {
  std::ostringstream warnings;
  Diagnostics diagnostics{warnings};
  ParseStats stats;
  ThrowingSink sink{10};
  EventReader reader{"audit.log", sink, diagnostics, stats};
  const auto read_all = [&] {
    for (int i = 0; i < 20000; ++i) {
      const std::string stamp = std::to_string(1795600800 + i) + ".100:" + std::to_string(i);
      reader.feed(avc(stamp) + "\n", 1, static_cast<std::uint64_t>(i) + 1);
    }
    reader.finish();
  };
  CHECK_THROWS_WITH(read_all(), "output is gone");
}

TEST_CASE("drain hands the sink the events completed so far and leaves open ones open") {
  Harness h;
  h.feed({avc("1795600800.100:500", "comm=\"first\""), avc("1795600810.100:501", "comm=\"second\"")});
  h.reader.drain();
  REQUIRE(h.sink.events.size() == 1);
  CHECK(h.sink.events[0].denials[0].comm == "first");
  auto& events = h.finish();
  REQUIRE(events.size() == 2);
  CHECK(events[1].denials[0].comm == "second");
}

namespace {

/// The events of `records` fed one per line, as `stamp serial comm exe path`.
std::vector<std::string> read_events(const std::vector<std::string>& records) {
  Harness h;
  for (const auto& record : records) h.reader.feed(record + "\n", 1, ++h.line);
  std::vector<std::string> events;
  for (const auto& event : h.finish()) {
    REQUIRE(event.denials.size() == 1);
    const auto& denial = event.denials[0];
    events.push_back(event.stamp.str() + " " + denial.comm + " " + denial.exe + " " + denial.path);
  }
  CHECK(h.warnings.str().empty());
  return events;
}

}  // namespace

TEST_CASE("events written record by record across each other read as the same events in the same order") {
  // All AVC records, then all SYSCALL, then all PROCTITLE, in one second:
  // libauparse alone holds every event open and costs quadratic time.
  constexpr int kEvents = 5000;
  std::vector<std::string> avcs, syscalls, paths, proctitles, in_order;
  for (int i = 0; i < kEvents; ++i) {
    const std::string stamp = "1795600800." + std::to_string(100 + i / 10) + ":" + std::to_string(7000 + i);
    const std::string n = std::to_string(i);
    avcs.push_back(avc(stamp, "comm=\"c" + n + "\""));
    syscalls.push_back(syscall(stamp, "syscall=2 success=no exit=-13 exe=\"/bin/e" + n + "\""));
    paths.push_back("type=PATH msg=audit(" + stamp + "): item=0 name=\"/etc/f" + n + "\"");
    proctitles.push_back("type=PROCTITLE msg=audit(" + stamp + "): proctitle=6361740066");
    in_order.insert(in_order.end(), {avcs.back(), syscalls.back(), paths.back(), proctitles.back()});
  }
  std::vector<std::string> interleaved = avcs;
  for (const auto* column : {&syscalls, &paths, &proctitles}) {
    interleaved.insert(interleaved.end(), column->begin(), column->end());
  }
  const auto expected = read_events(in_order);
  REQUIRE(expected.size() == kEvents);
  CHECK(expected[42] == "1795600800.104:7042 c42 /bin/e42 /etc/f42");
  CHECK(read_events(interleaved) == expected);
}
