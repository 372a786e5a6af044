// EventGrouper: records grouped into whole events before libauparse sees them.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "event_grouper.hpp"

using avcsift::parse::EventGrouper;
using avcsift::parse::GroupedRecords;
using avcsift::parse::LineFacts;

namespace {

/// What the grouper hands on: `LINE HEADER` per record, `EOE HEADER` per end.
struct Recorder : GroupedRecords {
  std::vector<std::string> out;
  void record(std::string_view header, std::string_view, std::uint64_t line, const LineFacts&) override {
    out.push_back(std::to_string(line) + " " + std::string(header));
  }
  void end_event(std::string_view eoe_header) override { out.push_back("EOE " + std::string(eoe_header)); }
  void barrier() override { out.push_back("BARRIER"); }
};

struct Harness {
  Recorder recorder;
  EventGrouper grouper{recorder};
  std::uint64_t line = 0;
  void add(std::initializer_list<std::string_view> headers) {
    for (const auto header : headers) grouper.add(header, " body", ++line, {});
  }
};

}  // namespace

TEST_CASE("events written record by record across each other are handed on whole, in stamp order") {
  Harness h;
  h.add({"type=AVC msg=audit(100.001:1):", "type=AVC msg=audit(100.002:2):", "type=AVC msg=audit(100.003:3):",
         "type=SYSCALL msg=audit(100.001:1):", "type=SYSCALL msg=audit(100.002:2):",
         "type=SYSCALL msg=audit(100.003:3):", "type=PROCTITLE msg=audit(100.001:1):",
         "type=PROCTITLE msg=audit(100.002:2):", "type=PROCTITLE msg=audit(100.003:3):"});
  // The PROCTITLEs ended the events, but libauparse hands on what is ready
  // only after a record that opens an event, or at a feed call.
  CHECK(h.recorder.out.empty());
  h.grouper.delivery_point();
  // PROCTITLE ends an event in libauparse: no EOE is needed.
  CHECK(h.recorder.out == std::vector<std::string>{
                              "1 type=AVC msg=audit(100.001:1):", "4 type=SYSCALL msg=audit(100.001:1):",
                              "7 type=PROCTITLE msg=audit(100.001:1):", "2 type=AVC msg=audit(100.002:2):",
                              "5 type=SYSCALL msg=audit(100.002:2):", "8 type=PROCTITLE msg=audit(100.002:2):",
                              "3 type=AVC msg=audit(100.003:3):", "6 type=SYSCALL msg=audit(100.003:3):",
                              "9 type=PROCTITLE msg=audit(100.003:3):"});
  CHECK(h.grouper.waiting_records() == 0);
}

TEST_CASE("an event ausearch printed newest record first is handed on whole, its leading PROCTITLE last") {
  Harness h;
  h.add({"type=PROCTITLE msg=audit(100.001:1):", "type=PATH msg=audit(100.001:1):",
         "type=SYSCALL msg=audit(100.001:1):", "type=AVC msg=audit(100.001:1):",
         "type=PROCTITLE msg=audit(100.002:2):", "type=AVC msg=audit(100.002:2):"});
  CHECK(h.recorder.out.empty());  // no record ends them: ausearch writes no EOE
  h.grouper.release_all();
  // The PROCTITLE goes last, where libauparse ends the event on it (no EOE).
  CHECK(h.recorder.out == std::vector<std::string>{
                              "2 type=PATH msg=audit(100.001:1):", "3 type=SYSCALL msg=audit(100.001:1):",
                              "4 type=AVC msg=audit(100.001:1):", "1 type=PROCTITLE msg=audit(100.001:1):",
                              "6 type=AVC msg=audit(100.002:2):", "5 type=PROCTITLE msg=audit(100.002:2):"});
}

TEST_CASE("an event no record type ends is closed after 2 s of log time with an EOE of its node and stamp") {
  Harness h;
  h.add({"node=web1 type=AVC msg=audit(100.250:7):", "node=web1 type=SYSCALL msg=audit(100.250:7):",
         "node=web1 type=AVC msg=audit(101.999:8):"});
  CHECK(h.recorder.out.empty());  // 2 s have not passed yet (whole seconds: 100 + 2 > 101)
  h.add({"node=web1 type=AVC msg=audit(102.000:9):"});
  CHECK(h.recorder.out == std::vector<std::string>{"1 node=web1 type=AVC msg=audit(100.250:7):",
                                                   "2 node=web1 type=SYSCALL msg=audit(100.250:7):",
                                                   "EOE node=web1 type=EOE msg=audit(100.250:7):"});
  h.grouper.release_all();
  CHECK(h.recorder.out.size() == 7);
  CHECK(h.recorder.out.back() == "EOE node=web1 type=EOE msg=audit(102.000:9):");
}

TEST_CASE("the same time and serial on two nodes and on the local host make three events") {
  Harness h;
  h.add({"node=web1 type=AVC msg=audit(100.000:5):", "node=web2 type=AVC msg=audit(100.000:5):",
         "type=AVC msg=audit(100.000:5):", "node=web2 type=SYSCALL msg=audit(100.000:5):",
         "type=SYSCALL msg=audit(100.000:5):", "node=web1 type=SYSCALL msg=audit(100.000:5):"});
  h.grouper.release_all();
  // Equal stamps go on in the order libauparse's list gave them, each one
  // handed on in libauparse before the next is read (a barrier).
  CHECK(h.recorder.out == std::vector<std::string>{
                              "1 node=web1 type=AVC msg=audit(100.000:5):",
                              "6 node=web1 type=SYSCALL msg=audit(100.000:5):",
                              "EOE node=web1 type=EOE msg=audit(100.000:5):", "BARRIER",
                              "2 node=web2 type=AVC msg=audit(100.000:5):",
                              "4 node=web2 type=SYSCALL msg=audit(100.000:5):",
                              "EOE node=web2 type=EOE msg=audit(100.000:5):", "BARRIER",
                              "3 type=AVC msg=audit(100.000:5):", "5 type=SYSCALL msg=audit(100.000:5):",
                              "EOE type=EOE msg=audit(100.000:5):"});
}

TEST_CASE("a record 2 s newer of another host does not end a host's open event") {
  Harness h;
  h.add({"node=slow type=AVC msg=audit(100.000:1):", "node=fast type=USER_AVC msg=audit(105.000:1):",
         "node=slow type=SYSCALL msg=audit(100.000:1):", "node=slow type=PROCTITLE msg=audit(100.000:1):",
         "node=fast type=AVC msg=audit(106.000:2):"});
  // The slow host's clock is behind: its event stays whole, and it goes
  // first (older stamp); the fast host's USER_AVC waited for it.
  CHECK(h.recorder.out == std::vector<std::string>{"1 node=slow type=AVC msg=audit(100.000:1):",
                                                   "3 node=slow type=SYSCALL msg=audit(100.000:1):",
                                                   "4 node=slow type=PROCTITLE msg=audit(100.000:1):",
                                                   "2 node=fast type=USER_AVC msg=audit(105.000:1):"});
}

TEST_CASE("a record 2 s newer of the same host ends its open events, as in libauparse") {
  Harness h;
  h.add({"node=a type=AVC msg=audit(100.999:1):", "node=a type=AVC msg=audit(102.000:2):",
         "node=a type=SYSCALL msg=audit(100.999:1):"});
  // 100 + 2 <= 102: the first event had ended, its SYSCALL is an event of its own.
  CHECK(h.recorder.out == std::vector<std::string>{"1 node=a type=AVC msg=audit(100.999:1):",
                                                   "EOE node=a type=EOE msg=audit(100.999:1):"});
}

TEST_CASE("a record 30 s newer of any host ends every open event, so a silent host holds none back for long") {
  Harness h;
  h.add({"node=quiet type=AVC msg=audit(500.000:1):", "node=busy type=AVC msg=audit(510.000:1):",
         "node=busy type=AVC msg=audit(529.000:2):"});
  // The busy host's own records ended its first event, which waits for the
  // quiet host's older one.
  CHECK(h.recorder.out.empty());
  h.add({"node=busy type=AVC msg=audit(530.000:3):"});
  CHECK(h.recorder.out == std::vector<std::string>{"1 node=quiet type=AVC msg=audit(500.000:1):",
                                                   "EOE node=quiet type=EOE msg=audit(500.000:1):",
                                                   "2 node=busy type=AVC msg=audit(510.000:1):",
                                                   "EOE node=busy type=EOE msg=audit(510.000:1):"});
}

TEST_CASE("with AgeRule::AnyNode a record 2 s newer of any host ends every open event, as libauparse alone") {
  Recorder recorder;
  EventGrouper grouper(recorder, avcsift::parse::AgeRule::AnyNode);
  grouper.add("node=slow type=AVC msg=audit(100.000:1):", "", 1, {});
  grouper.add("node=fast type=AVC msg=audit(102.000:1):", "", 2, {});
  CHECK(recorder.out == std::vector<std::string>{"1 node=slow type=AVC msg=audit(100.000:1):",
                                                 "EOE node=slow type=EOE msg=audit(100.000:1):"});
}

TEST_CASE("stamps at both ends of the time range age without overflow") {
  Harness h;
  h.add({"type=AVC msg=audit(9223372036854775804.000:1):", "type=AVC msg=audit(9223372036854775808.000:2):"});
  h.add({"type=AVC msg=audit(5.000:3):"});
  h.grouper.release_all();
  CHECK(h.recorder.out.size() == 6);
}

TEST_CASE("an EOE record of an event already handed on opens no event and leaves nothing waiting") {
  Harness h;
  h.add({"type=AVC msg=audit(100.000:1):", "type=SYSCALL msg=audit(100.000:1):", "type=EOE msg=audit(100.000:1):",
         "type=EOE msg=audit(100.000:1):", "type=EOE msg=audit(100.000:2):"});
  h.grouper.delivery_point();
  CHECK(h.recorder.out == std::vector<std::string>{"1 type=AVC msg=audit(100.000:1):",
                                                   "2 type=SYSCALL msg=audit(100.000:1):",
                                                   "3 type=EOE msg=audit(100.000:1):"});
  CHECK(h.grouper.waiting_records() == 0);
  CHECK(h.grouper.skipped_records() == 2);
  h.grouper.release_all();
  CHECK(h.recorder.out.size() == 3);
}

TEST_CASE("an event handed on after one with a newer stamp is preceded by a barrier") {
  Harness h;
  h.add({"type=USER_AVC msg=audit(100.500:2):", "type=AVC msg=audit(100.000:1):",
         "type=USER_AVC msg=audit(100.600:3):"});
  h.grouper.release_all();
  CHECK(h.recorder.out == std::vector<std::string>{"1 type=USER_AVC msg=audit(100.500:2):",
                                                   "BARRIER", "2 type=AVC msg=audit(100.000:1):",
                                                   "EOE type=EOE msg=audit(100.000:1):",
                                                   "3 type=USER_AVC msg=audit(100.600:3):"});
}

TEST_CASE("events that end between two delivery points go on there, by stamp") {
  Harness h;
  h.add({"type=AVC msg=audit(100.500:2):", "type=AVC msg=audit(100.000:1):", "type=USER_AVC msg=audit(100.500:2):"});
  // The USER_AVC ended its event, but libauparse hands on what is ready only
  // after a record that opens an event, or at a feed call.
  CHECK(h.recorder.out.empty());
  h.add({"type=USER_AVC msg=audit(99.000:0):"});
  CHECK(h.recorder.out == std::vector<std::string>{"4 type=USER_AVC msg=audit(99.000:0):"});
  h.add({"type=EOE msg=audit(100.000:1):"});
  CHECK(h.recorder.out.size() == 1);
  h.grouper.delivery_point();
  CHECK(h.recorder.out == std::vector<std::string>{"4 type=USER_AVC msg=audit(99.000:0):",
                                                   "2 type=AVC msg=audit(100.000:1):",
                                                   "5 type=EOE msg=audit(100.000:1):",
                                                   "1 type=AVC msg=audit(100.500:2):",
                                                   "3 type=USER_AVC msg=audit(100.500:2):"});
}

TEST_CASE("an ended event waits for the older events still open") {
  Harness h;
  h.add({"type=AVC msg=audit(100.000:1):", "type=USER_AVC msg=audit(100.100:2):"});
  CHECK(h.recorder.out.empty());  // the USER_AVC waits for the AVC's event
  h.add({"type=AVC msg=audit(103.000:3):"});
  CHECK(h.recorder.out == std::vector<std::string>{"1 type=AVC msg=audit(100.000:1):",
                                                   "EOE type=EOE msg=audit(100.000:1):",
                                                   "2 type=USER_AVC msg=audit(100.100:2):"});
}

TEST_CASE("a record libauparse cannot read is not handed on and opens no event") {
  Harness h;
  h.add({"type=AVC msg=audit(100.000:1):", "garbage", "type=PROCTITLE msg=audit(100.000:1):"});
  h.grouper.delivery_point();
  CHECK(h.recorder.out == std::vector<std::string>{"1 type=AVC msg=audit(100.000:1):",
                                                   "3 type=PROCTITLE msg=audit(100.000:1):"});
  CHECK(h.grouper.skipped_records() == 1);
}

TEST_CASE("release_older_than hands on the events stamped 2 s or more before the given time") {
  Harness h;
  h.add({"node=a type=AVC msg=audit(100.000:1):"});
  h.add({"type=AVC msg=audit(102.000:2):"});
  CHECK(h.recorder.out.empty());  // another node's record
  h.grouper.release_older_than(101);
  CHECK(h.recorder.out.empty());
  h.grouper.release_older_than(102);
  CHECK(h.recorder.out == std::vector<std::string>{"1 node=a type=AVC msg=audit(100.000:1):",
                                                   "EOE node=a type=EOE msg=audit(100.000:1):"});
  CHECK(h.grouper.waiting_records() == 1);
}

TEST_CASE("an event spread beyond the memory bound is handed on in parts and no record is lost") {
  Harness h;
  h.add({"type=AVC msg=audit(100.000:1):"});
  // One second of log time: no event is old enough to end.
  for (std::size_t i = 0; i < EventGrouper::kMaxWaitingRecords; ++i) {
    h.grouper.add("type=AVC msg=audit(100.500:" + std::to_string(10 + i) + "):", "", ++h.line, {});
  }
  CHECK(h.grouper.split_events() == 1);
  CHECK(h.recorder.out == std::vector<std::string>{"1 type=AVC msg=audit(100.000:1):",
                                                   "EOE type=EOE msg=audit(100.000:1):"});
  h.add({"type=SYSCALL msg=audit(100.000:1):"});
  h.grouper.release_all();
  // Every record came out once, each event closed by an EOE: the late
  // SYSCALL as a second part, first by its stamp (after a barrier).
  CHECK(h.recorder.out.size() == 2 * (EventGrouper::kMaxWaitingRecords + 2) + 1);
  CHECK(h.recorder.out[2] == "BARRIER");
  CHECK(h.recorder.out[3] == std::to_string(h.line) + " type=SYSCALL msg=audit(100.000:1):");
}

TEST_CASE("the EOE that ends an event whose PROCTITLE came first is left out, so no lone EOE reaches libauparse") {
  Harness h;
  h.add({"type=PROCTITLE msg=audit(100.000:1):", "type=SYSCALL msg=audit(100.000:1):",
         "type=EOE msg=audit(100.000:1):", "type=AVC msg=audit(100.500:2):"});
  // Handed on with the EOE, libauparse would end the event there and keep
  // the PROCTITLE waiting alone, and the EOE's place in RecordWindow forever.
  CHECK(h.recorder.out == std::vector<std::string>{"2 type=SYSCALL msg=audit(100.000:1):",
                                                   "1 type=PROCTITLE msg=audit(100.000:1):"});
}

TEST_CASE("a log of more node names than kNodePruneAt keeps few of them, and open events whole") {
  Harness h;
  // Stamped after the others, so that it does not hold them back (events
  // go on in stamp order) and none waits.
  h.add({"node=steady type=AVC msg=audit(200.000:1):"});
  // Each name logs one event, ended by its PROCTITLE: nothing of it stays open.
  const std::size_t names = EventGrouper::kNodePruneAt + 1000;
  for (std::size_t i = 0; i < names; ++i) {
    const std::string node = "node=h" + std::to_string(i);
    h.add({node + " type=AVC msg=audit(100.000:7):", node + " type=PROCTITLE msg=audit(100.000:7):"});
  }
  CHECK(h.grouper.remembered_nodes() <= EventGrouper::kNodePruneAt);
  // The event still open across the pruning takes its later record.
  h.add({"node=steady type=SYSCALL msg=audit(200.000:1):"});
  h.grouper.release_all();
  std::vector<std::string> steady;
  for (const auto& line : h.recorder.out) {
    if (line.find("steady") != std::string::npos) steady.push_back(line);
  }
  CHECK(steady == std::vector<std::string>{
                      "1 node=steady type=AVC msg=audit(200.000:1):",
                      std::to_string(2 * names + 2) + " node=steady type=SYSCALL msg=audit(200.000:1):",
                      "EOE node=steady type=EOE msg=audit(200.000:1):"});
}
