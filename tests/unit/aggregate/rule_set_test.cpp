// RuleSet: denials folded into one rule per source, target, class and reason.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"

using avcsift::AuditStamp;
using avcsift::Denial;
using avcsift::InvalidContext;
using avcsift::Reason;
using avcsift::Rule;
using avcsift::RuleKey;
using avcsift::RuleSet;
using avcsift::SecurityContext;
using avcsift::Verdict;

namespace {

using Strings = std::set<std::string>;

Denial denial(std::string source, std::string target, std::string tclass,
              std::vector<std::string> perms, AuditStamp stamp = {1795600800, 0, 1}) {
  Denial d;
  d.source = SecurityContext{"system_u", "system_r", std::move(source), "s0"};
  d.target = SecurityContext{"system_u", "object_r", std::move(target), "s0"};
  d.tclass = std::move(tclass);
  d.permissions = std::move(perms);
  d.stamp = stamp;
  return d;
}

Verdict verdict(Reason reason) {
  Verdict v;
  v.reason = reason;
  return v;
}

Verdict boolean_verdict(std::vector<std::vector<avcsift::BooleanSetting>> fixes) {
  Verdict v;
  v.reason = Reason::Boolean;
  v.boolean_fixes = std::move(fixes);
  return v;
}

const Rule& only_rule(const RuleSet& rules) {
  REQUIRE(rules.rules().size() == 1);
  return rules.rules().begin()->second;
}

}  // namespace

TEST_CASE("denials with the same source, target and class union their permissions") {
  RuleSet rules;
  rules.add(denial("httpd_t", "etc_t", "file", {"read"}), verdict(Reason::MissingTeRule));
  rules.add(denial("httpd_t", "etc_t", "file", {"open", "read"}), verdict(Reason::MissingTeRule));
  rules.add(denial("httpd_t", "etc_t", "file", {"write"}), verdict(Reason::MissingTeRule));
  const Rule& rule = only_rule(rules);
  CHECK(rule.key == RuleKey{"httpd_t", "etc_t", "file", Reason::MissingTeRule, ""});
  CHECK(rule.permissions == Strings{"open", "read", "write"});
  CHECK(rule.count == 3);
  CHECK(rules.denial_count() == 3);
}

TEST_CASE("a different target or class makes a different rule") {
  RuleSet rules;
  rules.add(denial("httpd_t", "etc_t", "file", {"read"}), verdict(Reason::MissingTeRule));
  rules.add(denial("httpd_t", "etc_t", "dir", {"search"}), verdict(Reason::MissingTeRule));
  rules.add(denial("httpd_t", "var_t", "file", {"read"}), verdict(Reason::MissingTeRule));
  rules.add(denial("sshd_t", "etc_t", "file", {"read"}), verdict(Reason::MissingTeRule));
  REQUIRE(rules.rules().size() == 4);
  std::vector<std::string> keys;
  for (const auto& [key, rule] : rules.rules()) {
    keys.push_back(key.source_type + " " + key.target_type + ":" + key.tclass);
    CHECK(rule.count == 1);
  }
  CHECK(keys == std::vector<std::string>{"httpd_t etc_t:dir", "httpd_t etc_t:file",
                                         "httpd_t var_t:file", "sshd_t etc_t:file"});
}

TEST_CASE("first and last seen do not depend on the order denials arrive in") {
  RuleSet rules;
  rules.add(denial("a_t", "b_t", "file", {"read"}, {200, 5, 20}), verdict(Reason::Unknown));
  rules.add(denial("a_t", "b_t", "file", {"read"}, {100, 900, 10}), verdict(Reason::Unknown));
  rules.add(denial("a_t", "b_t", "file", {"read"}, {300, 0, 30}), verdict(Reason::Unknown));
  rules.add(denial("a_t", "b_t", "file", {"read"}, {150, 0, 15}), verdict(Reason::Unknown));
  const Rule& rule = only_rule(rules);
  CHECK(rule.first_seen == AuditStamp{100, 900, 10});
  CHECK(rule.last_seen == AuditStamp{300, 0, 30});
}

TEST_CASE("the verdict and source role of a rule are those of its earliest denial, not the first to arrive") {
  // An aggregator's log is not in time order across hosts; the earliest
  // denial is what a merge of per-host reports can agree on.
  RuleSet rules;
  Denial late = denial("a_t", "b_t", "file", {"read"}, {200, 0, 2});
  late.source.role = "late_r";
  Denial early = denial("a_t", "b_t", "file", {"write"}, {100, 0, 1});
  early.source.role = "early_r";
  Verdict v = verdict(Reason::MissingTeRule);
  v.permissive_domain = true;
  rules.add(late, verdict(Reason::MissingTeRule));
  rules.add(early, v);
  const Rule& rule = only_rule(rules);
  CHECK(rule.source_role == "early_r");
  CHECK(rule.verdict.permissive_domain);
}

TEST_CASE("denials of the same stamp give a rule the verdict of the first host by name") {
  RuleSet rules;
  rules.set_local_host("here");
  Denial on_b = denial("a_t", "b_t", "file", {"read"}, {100, 0, 1});
  on_b.node = "b";
  on_b.source.role = "b_r";
  Denial on_a = on_b;
  on_a.node = "a";
  on_a.source.role = "a_r";
  rules.add(on_b, verdict(Reason::MissingTeRule));
  rules.add(on_a, verdict(Reason::MissingTeRule));
  CHECK(only_rule(rules).source_role == "a_r");
  CHECK(only_rule(rules).first_host == "a");
}

TEST_CASE("a rule keeps the port of the first denial that names one") {
  RuleSet rules;
  Denial without = denial("a_t", "b_t", "tcp_socket", {"name_bind"}, {100, 0, 1});
  Denial with = denial("a_t", "b_t", "tcp_socket", {"name_bind"}, {200, 0, 2});
  with.port = 8080;
  rules.add(without, verdict(Reason::MissingTeRule));
  rules.add(with, verdict(Reason::MissingTeRule));
  CHECK(only_rule(rules).port == 8080u);
}

TEST_CASE("samples keep the eight smallest values whatever the order") {
  RuleSet rules;
  rules.set_local_host("here");
  for (int i = 9; i >= 0; --i) {
    Denial d = denial("a_t", "b_t", "file", {"read"});
    d.path = "/p" + std::to_string(i);
    d.comm = "c" + std::to_string(i);
    d.exe = "/bin/e" + std::to_string(i);
    d.node = "n" + std::to_string(i);
    rules.add(d, verdict(Reason::Unknown));
  }
  const Rule& rule = only_rule(rules);
  REQUIRE(avcsift::kSampleLimit == 8);
  CHECK(rule.paths.values() == Strings{"/p0", "/p1", "/p2", "/p3", "/p4", "/p5", "/p6", "/p7"});
  CHECK(rule.commands.values() == Strings{"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"});
  CHECK(rule.executables.values().size() == 8);
  CHECK(*rule.executables.values().rbegin() == "/bin/e7");
  CHECK(rule.nodes.sample().size() == 8);
  CHECK(rule.nodes.count() == 10);
  CHECK(rule.paths.overflowed());
  CHECK(rule.count == 10);
}

TEST_CASE("a sample that never exceeds the limit is not marked overflowed") {
  RuleSet rules;
  for (int i = 0; i < 8; ++i) {
    Denial d = denial("a_t", "b_t", "file", {"read"});
    d.comm = "c" + std::to_string(i);
    rules.add(d, verdict(Reason::Unknown));
    rules.add(d, verdict(Reason::Unknown));  // repeats do not count twice
  }
  const Rule& rule = only_rule(rules);
  CHECK(rule.commands.values().size() == 8);
  CHECK_FALSE(rule.commands.overflowed());
}

TEST_CASE("samples skip empty values and use the name when there is no path") {
  RuleSet rules;
  Denial with_name = denial("a_t", "b_t", "file", {"read"});
  with_name.name = "passwd";
  rules.add(with_name, verdict(Reason::Unknown));
  Denial with_path = denial("a_t", "b_t", "file", {"read"});
  with_path.name = "ignored";
  with_path.path = "/etc/shadow";
  rules.add(with_path, verdict(Reason::Unknown));
  rules.add(denial("a_t", "b_t", "file", {"read"}), verdict(Reason::Unknown));
  const Rule& rule = only_rule(rules);
  CHECK(rule.paths.values() == Strings{"/etc/shadow", "passwd"});
  CHECK(rule.commands.values().empty());
  CHECK(rule.nodes.empty());
}

TEST_CASE("a rule set counts no host until the local host is named") {
  RuleSet rules;
  Denial remote = denial("a_t", "b_t", "file", {"read"});
  remote.node = "web-1";
  rules.add(remote, verdict(Reason::Unknown));
  CHECK(only_rule(rules).nodes.empty());
}

TEST_CASE("a rule counts the hosts that logged it, records without node= as the local host") {
  RuleSet rules;
  rules.set_local_host("aggregator");
  Denial remote = denial("a_t", "b_t", "file", {"read"}, AuditStamp{1795600900, 0, 7});
  remote.node = "web-1";
  rules.add(remote, verdict(Reason::Unknown));
  rules.add(denial("a_t", "b_t", "file", {"read"}), verdict(Reason::Unknown));
  rules.clear();  // a policy load: the local host keeps its name
  rules.add(remote, verdict(Reason::Unknown));
  rules.add(denial("a_t", "b_t", "file", {"read"}), verdict(Reason::Unknown));
  const Rule& rule = only_rule(rules);
  CHECK(rule.nodes.count() == 2);
  REQUIRE(rule.nodes.sample().size() == 2);
  CHECK(rule.nodes.sample()[0].name == "aggregator");
  CHECK(rule.nodes.sample()[1].name == "web-1");
  CHECK(rule.nodes.sample()[1].first_seen.seconds == 1795600900);
}

TEST_CASE("ioctl commands are collected per rule") {
  RuleSet rules;
  for (std::uint32_t cmd : {0x5401u, 0x0u, 0x5401u}) {
    Denial d = denial("a_t", "b_t", "chr_file", {"ioctl"});
    d.ioctl_command = cmd;
    rules.add(d, verdict(Reason::Unknown));
  }
  rules.add(denial("a_t", "b_t", "chr_file", {"ioctl"}), verdict(Reason::Unknown));
  CHECK(only_rule(rules).ioctl_commands == std::set<std::uint32_t>{0x0, 0x5401});
}

TEST_CASE("granted records are only counted") {
  RuleSet rules;
  Denial granted = denial("sysadm_t", "security_t", "security", {"setenforce"});
  granted.granted = true;
  rules.add(granted, verdict(Reason::Allowed));
  CHECK(rules.rules().empty());
  CHECK(rules.granted_count() == 1);
  CHECK(rules.denial_count() == 0);
}

TEST_CASE("permissive denials are counted in the set and in their rule") {
  RuleSet rules;
  Denial permissive = denial("a_t", "b_t", "file", {"read"});
  permissive.permissive = true;
  Denial enforcing = denial("a_t", "b_t", "file", {"read"});
  enforcing.permissive = false;
  rules.add(permissive, verdict(Reason::Unknown));
  rules.add(enforcing, verdict(Reason::Unknown));
  rules.add(denial("a_t", "b_t", "file", {"read"}), verdict(Reason::Unknown));
  CHECK(rules.denial_count() == 3);
  CHECK(rules.permissive_count() == 1);
  CHECK(only_rule(rules).permissive_count == 1);
}

TEST_CASE("one source, target and class is split by reason") {
  RuleSet rules;
  rules.add(denial("httpd_t", "etc_t", "file", {"read"}), verdict(Reason::MissingTeRule));
  rules.add(denial("httpd_t", "etc_t", "file", {"write"}), verdict(Reason::Constraint));
  REQUIRE(rules.rules().size() == 2);
  auto it = rules.rules().begin();
  CHECK(it->first.reason == Reason::MissingTeRule);
  CHECK(it->second.permissions == Strings{"read"});
  ++it;
  CHECK(it->first.reason == Reason::Constraint);
  CHECK(it->second.permissions == Strings{"write"});
}

TEST_CASE("boolean rules with different fixes stay apart") {
  RuleSet rules;
  rules.add(denial("httpd_t", "port_t", "tcp_socket", {"name_connect"}),
            boolean_verdict({{{"httpd_can_network_connect", true}}}));
  rules.add(denial("httpd_t", "port_t", "tcp_socket", {"name_connect"}),
            boolean_verdict({{{"httpd_can_network_connect", true}}}));
  rules.add(denial("httpd_t", "port_t", "tcp_socket", {"name_bind"}),
            boolean_verdict({{{"httpd_can_bind", true}}}));
  REQUIRE(rules.rules().size() == 2);
  auto it = rules.rules().begin();
  CHECK(it->first.reason_detail == "httpd_can_bind=1,");
  CHECK(it->second.permissions == Strings{"name_bind"});
  ++it;
  CHECK(it->first.reason_detail == "httpd_can_network_connect=1,");
  CHECK(it->second.count == 2);
}

TEST_CASE("reason_detail lists every fix and setting") {
  CHECK(avcsift::reason_detail(verdict(Reason::MissingTeRule)).empty());
  CHECK(avcsift::reason_detail(boolean_verdict({{{"a", true}}, {{"b", false}, {"c", true}}})) ==
        "a=1,|b=0,c=1,");
}

TEST_CASE("invalid-context reports become role/type statements with counts") {
  RuleSet rules;
  InvalidContext report;
  report.context = SecurityContext{"staff_u", "staff_r", "staff_userhelper_t", "s0"};
  rules.add(report);
  rules.add(report);
  report.context = SecurityContext{"unconfined_u", "unconfined_r", "plone_t", "s0"};
  rules.add(report);
  REQUIRE(rules.role_types().size() == 2);
  auto it = rules.role_types().begin();
  CHECK(it->first.role == "staff_r");
  CHECK(it->first.type == "staff_userhelper_t");
  CHECK(it->second == 2);
  ++it;
  CHECK(it->first.role == "unconfined_r");
  CHECK(it->first.type == "plone_t");
  CHECK(it->second == 1);
  CHECK(rules.rules().empty());
  CHECK(rules.denial_count() == 0);
}
