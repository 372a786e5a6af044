// context_records: SYSCALL, PATH, CWD, PROCTITLE, SOCKADDR and AVC_PATH bodies.
#include <catch2/catch.hpp>

#include "avcsift/parse/context_records.hpp"

using avcsift::AuditEvent;
using namespace avcsift::parse;

namespace {

std::string sockaddr_of(std::string_view body) {
  AuditEvent event;
  read_sockaddr(body, event);
  return event.sockaddr;
}

}  // namespace

TEST_CASE("a SYSCALL record gives the syscall, its outcome, comm and exe") {
  AuditEvent event;
  read_syscall(
      " arch=c000003e syscall=257 success=no exit=-13 a0=ffffff9c a1=7f9e3c017d38 items=1 ppid=1210 "
      "pid=1234 auid=4294967295 uid=48 tty=(none) ses=4294967295 comm=\"httpd\" "
      "exe=\"/usr/sbin/httpd\" subj=system_u:system_r:httpd_t:s0 key=(null)",
      event);
  REQUIRE(event.syscall);
  CHECK(event.syscall->syscall == "257");
  CHECK(event.syscall->success == false);
  CHECK(event.syscall->exit == "-13");
  CHECK(event.syscall->comm == "httpd");
  CHECK(event.syscall->exe == "/usr/sbin/httpd");
}

TEST_CASE("a SYSCALL record with hex comm and exe is decoded") {
  AuditEvent event;
  read_syscall(" syscall=2 success=yes exit=3 comm=6D7920617070 exe=2F6F70742F6D79206170702F62696E", event);
  REQUIRE(event.syscall);
  CHECK(event.syscall->success == true);
  CHECK(event.syscall->comm == "my app");
  CHECK(event.syscall->exe == "/opt/my app/bin");
}

TEST_CASE("a SYSCALL record without success= leaves the outcome unknown") {
  AuditEvent event;
  read_syscall(" syscall=59", event);
  REQUIRE(event.syscall);
  CHECK_FALSE(event.syscall->success);
}

TEST_CASE("PATH records append their names in order, hex decoded") {
  AuditEvent event;
  read_path(" item=0 name=\"/etc/passwd\" inode=1234 dev=fd:00 mode=0100644 nametype=NORMAL", event);
  read_path(" item=1 name=2F746D702F6120622E747874 inode=5 nametype=CREATE", event);
  read_path(" item=2 name=(null) inode=6 nametype=PARENT", event);
  CHECK(event.paths == std::vector<std::string>{"/etc/passwd", "/tmp/a b.txt"});
}

TEST_CASE("a CWD record sets the working directory") {
  AuditEvent event;
  read_cwd("  cwd=\"/usr/local/Plone\"", event);
  CHECK(event.cwd == "/usr/local/Plone");
  read_cwd(" cwd=2F686F6D652F6120622F", event);
  CHECK(event.cwd == "/home/a b/");
}

TEST_CASE("a PROCTITLE record joins argv with spaces") {
  AuditEvent event;
  read_proctitle(" proctitle=2F7573722F62696E2F707974686F6E00696E7374616E636500666700", event);
  CHECK(event.proctitle == "/usr/bin/python instance fg");
  read_proctitle(" proctitle=\"bash\"", event);
  CHECK(event.proctitle == "bash");
}

TEST_CASE("an inet SOCKADDR is shown as address and port") {
  CHECK(sockaddr_of(" saddr=020015380A0000070000000000000000") == "inet 10.0.0.7:5432");
}

// Regression: IPv6 addresses came out uncompressed (`0:0:0:0:0:0:0:1`)
// instead of the `[::1]` form the header promises.
TEST_CASE("an inet6 SOCKADDR is shown in canonical compressed form") {
  CHECK(sockaddr_of(" saddr=0A000050000000000000000000000000000000000000000100000000") ==
        "inet6 [::1]:80");
  CHECK(sockaddr_of(" saddr=0A0001BB0000000020010DB800000000000000000000000700000000") ==
        "inet6 [2001:db8::7]:443");
  CHECK(sockaddr_of(" saddr=0A0021B7000000000000000000000000000000000000000000000000") ==
        "inet6 [::]:8631");
}

TEST_CASE("a unix SOCKADDR is shown as its path, abstract names with '@'") {
  CHECK(sockaddr_of(" saddr=01002F72756E2F782E736F636B00") == "unix /run/x.sock");
  CHECK(sockaddr_of(" saddr=01002F72756E2F782E736F636B") == "unix /run/x.sock");
  CHECK(sockaddr_of(" saddr=010000616263") == "unix @abc");
}

TEST_CASE("a SOCKADDR of another family is kept as raw hex") {
  CHECK(sockaddr_of(" saddr=100000000000000000000000") == "100000000000000000000000");
  CHECK(sockaddr_of(" saddr=0200") == "0200");
}

// Regression: ausearch -i's `saddr={ saddr_fam=inet ... }` was stored as "{".
TEST_CASE("an interpreted SOCKADDR from ausearch -i is shown like a raw one") {
  CHECK(sockaddr_of(" saddr={ saddr_fam=inet laddr=10.0.0.7 lport=5432 } ") == "inet 10.0.0.7:5432");
  CHECK(sockaddr_of(" saddr={ saddr_fam=inet6 laddr=::1 lport=80 }") == "inet6 [::1]:80");
  CHECK(sockaddr_of(" saddr={ saddr_fam=local path=/run/x.sock }") == "unix /run/x.sock");
  CHECK(sockaddr_of(" saddr={ saddr_fam=netlink nlnk-fam=16 nlnk-pid=0 }") == "netlink");
}

TEST_CASE("an AVC_PATH record gives its path") {
  CHECK(read_avc_path(" path=\"/var/www/html/index.html\"") == "/var/www/html/index.html");
  CHECK(read_avc_path(" path=2F612062") == "/a b");
  CHECK(read_avc_path(" other=1").empty());
}
