// HiddenFailureTally::merge and SelinuxErrorTally::merge: the tally of a whole
// log equals the merge of the tallies of its parts, in any order and grouping.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "avcsift/explain/hidden_failures.hpp"
#include "avcsift/explain/selinux_errors.hpp"

using avcsift::AuditEvent;
using avcsift::AuditStamp;
using avcsift::SecurityContext;
using avcsift::SelinuxError;
using avcsift::SelinuxErrorKind;
using avcsift::SyscallInfo;
using avcsift::explain::HiddenFailureTally;
using avcsift::explain::SelinuxErrorTally;

namespace {

/// A failed call without AVC, or a SELINUX_ERR setxattr report, drawn from `random`.
AuditEvent draw(std::mt19937& random, std::uint64_t serial) {
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  AuditEvent event;
  event.stamp = AuditStamp{1795600800 + pick(4), 0, serial % 5};  // stamps tie often
  event.node = "host" + std::to_string(pick(10));
  SyscallInfo call;
  call.success = false;
  call.exit = "-13";
  call.comm = "cmd" + std::to_string(pick(3));
  call.exe = "/usr/bin/" + call.comm;
  event.syscall = call;
  if (pick(2) == 0) {
    event.paths = {"/srv/f" + std::to_string(pick(15))};
  } else {
    SelinuxError error;
    error.kind = SelinuxErrorKind::SetxattrInvalid;
    error.old_context = SecurityContext{"u" + std::to_string(pick(3)), "r", "app_t", "s0"};
    error.invalid_context = "system_u:object_r:bad" + std::to_string(pick(2)) + "_t:s0";
    event.selinux_errors.push_back(error);
  }
  return event;
}

struct Tallies {
  HiddenFailureTally hidden;
  SelinuxErrorTally errors;
  void add(const AuditEvent& event) {
    hidden.add(event);
    errors.add(event);
  }
  void merge(const Tallies& other) {
    hidden.merge(other.hidden);
    errors.merge(other.errors);
  }
};

void require_same(const Tallies& a, const Tallies& b) {
  REQUIRE(a.hidden.count() == b.hidden.count());
  REQUIRE(a.hidden.entries() == b.hidden.entries());
  REQUIRE(a.errors.count() == b.errors.count());
  REQUIRE(a.errors.entries().size() == b.errors.entries().size());
  for (auto ia = a.errors.entries().begin(), ib = b.errors.entries().begin(); ia != a.errors.entries().end();
       ++ia, ++ib) {
    REQUIRE(ia->first == ib->first);
    const auto& [x, y] = std::pair{ia->second, ib->second};
    REQUIRE(x.first.old_context == y.first.old_context);
    REQUIRE(x.first_host == y.first_host);
    REQUIRE(x.count == y.count);
    REQUIRE(x.first_seen == y.first_seen);
    REQUIRE(x.last_seen == y.last_seen);
    REQUIRE(x.commands == y.commands);
    REQUIRE(x.nodes == y.nodes);
  }
}

}  // namespace

TEST_CASE("tallies of a whole log equal the merge of the tallies of its parts split by host") {
  for (unsigned seed = 1; seed <= 10; ++seed) {
    std::mt19937 random(seed);
    Tallies whole;
    std::vector<Tallies> parts(3);
    for (int i = 0; i < 300; ++i) {
      const AuditEvent event = draw(random, static_cast<std::uint64_t>(i));
      whole.add(event);
      parts[std::hash<std::string>{}(event.node) % 3].add(event);
    }
    Tallies abc;
    for (const auto& part : parts) abc.merge(part);
    require_same(abc, whole);
    Tallies cab;
    for (const std::size_t i : {2, 0, 1}) cab.merge(parts[i]);
    require_same(cab, whole);
    Tallies bc = parts[1];
    bc.merge(parts[2]);
    Tallies a_bc = parts[0];
    a_bc.merge(bc);
    require_same(a_bc, whole);
  }
}

TEST_CASE("the SELINUX_ERR report a merged tally shows is the earliest, not the first merged") {
  const auto event = [](std::int64_t seconds, const std::string& user) {
    AuditEvent e;
    e.stamp = AuditStamp{seconds, 0, 1};
    SelinuxError error;
    error.kind = SelinuxErrorKind::SetxattrInvalid;
    error.old_context = SecurityContext{user, "r", "app_t", "s0"};
    error.invalid_context = "x";
    e.selinux_errors.push_back(error);
    return e;
  };
  SelinuxErrorTally late;
  late.add(event(200, "late_u"));
  SelinuxErrorTally early;
  early.add(event(100, "early_u"));
  late.merge(early);
  REQUIRE(late.count() == 2);
  REQUIRE(late.entries().begin()->second.first.old_context.user == "early_u");
}
