// parse_avc: AVC and USER_AVC bodies into Denials, with every name validated.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "avcsift/parse/avc_parser.hpp"

using avcsift::DecisionOrigin;
using avcsift::parse::AvcKind;
using avcsift::parse::AvcParse;
using avcsift::parse::parse_avc;

namespace {

using Perms = std::vector<std::string>;

const char* kind_name(AvcKind kind) {
  switch (kind) {
    case AvcKind::Decision: return "Decision";
    case AvcKind::PolicyLoad: return "PolicyLoad";
    case AvcKind::OtherNotice: return "OtherNotice";
    case AvcKind::Malformed: return "Malformed";
  }
  return "?";
}

AvcParse kernel(std::string_view body) { return parse_avc(body, DecisionOrigin::Kernel); }

/// A kernel AVC body denying `perms` with the given tail of fields.
std::string avc(std::string_view perms, std::string_view fields =
                    "scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:etc_t:s0 "
                    "tclass=file") {
  return " avc:  denied  { " + std::string(perms) + " } for  pid=1 " + std::string(fields);
}

/// The problem of a body that must be malformed.
std::string problem_of(std::string_view body, DecisionOrigin origin = DecisionOrigin::Kernel) {
  const auto result = parse_avc(body, origin);
  if (result.kind != AvcKind::Malformed) return std::string("not malformed: ") + kind_name(result.kind);
  return result.problem;
}

}  // namespace

namespace Catch {
template <>
struct StringMaker<AvcKind> {
  static std::string convert(AvcKind kind) { return kind_name(kind); }
};
}  // namespace Catch

TEST_CASE("a kernel denial is read with its contexts, class and fields") {
  const auto result = kernel(
      " avc:  denied  { read write } for  pid=6336 comm=\"clock-applet\" name=\"x.lock\" dev=dm-0 "
      "ino=5434689 scontext=staff_u:staff_r:staff_t:s0 tcontext=user_u:object_r:user_tmp_t:s0 "
      "tclass=file permissive=0");
  REQUIRE(result.kind == AvcKind::Decision);
  const auto& d = result.denial;
  CHECK(d.origin == DecisionOrigin::Kernel);
  CHECK_FALSE(d.granted);
  CHECK(d.permissions == Perms{"read", "write"});
  CHECK(d.source.str() == "staff_u:staff_r:staff_t:s0");
  CHECK(d.target.str() == "user_u:object_r:user_tmp_t:s0");
  CHECK(d.tclass == "file");
  CHECK(d.permissive == false);
  CHECK(d.comm == "clock-applet");
  CHECK(d.name == "x.lock");
  CHECK(d.path.empty());
  CHECK_FALSE(d.ioctl_command);
  CHECK_FALSE(d.port);
  CHECK(result.problem.empty());
}

TEST_CASE("single spacing after avc: and denied is read too") {
  const auto result = kernel(
      "avc: denied { getattr } for pid=1 path=\"/var/www/html/index.html\" "
      "scontext=u:r:httpd_t:s0 tcontext=u:object_r:user_home_t:s0 tclass=file");
  REQUIRE(result.kind == AvcKind::Decision);
  CHECK(result.denial.permissions == Perms{"getattr"});
  CHECK(result.denial.path == "/var/www/html/index.html");
  CHECK_FALSE(result.denial.permissive);
}

TEST_CASE("a granted record is a decision marked granted") {
  const auto result = kernel(
      " avc:  granted  { setenforce } for  pid=1 scontext=u:r:sysadm_t:s0 tcontext=u:object_r:security_t:s0 "
      "tclass=security");
  REQUIRE(result.kind == AvcKind::Decision);
  CHECK(result.denial.granted);
  CHECK(result.denial.permissions == Perms{"setenforce"});
}

TEST_CASE("permissive=1 marks a denial that did not block") {
  CHECK(kernel(avc("read", "scontext=u:r:a_t tcontext=u:r:b_t tclass=file permissive=1"))
            .denial.permissive == true);
  CHECK_FALSE(kernel(avc("read", "scontext=u:r:a_t tcontext=u:r:b_t tclass=file permissive=7"))
                  .denial.permissive);
}

TEST_CASE("permissions are sorted and deduplicated") {
  CHECK(kernel(avc("write read  write open")).denial.permissions == Perms{"open", "read", "write"});
}

TEST_CASE("ioctlcmd is read as hex, 0x0 included") {
  CHECK(kernel(avc("ioctl", "ioctlcmd=0x5401 scontext=u:r:a_t tcontext=u:r:b_t tclass=chr_file"))
            .denial.ioctl_command == 0x5401u);
  CHECK(kernel(avc("ioctl", "ioctlcmd=0x0 scontext=u:r:a_t tcontext=u:r:b_t tclass=chr_file"))
            .denial.ioctl_command == 0u);
  CHECK_FALSE(kernel(avc("ioctl", "ioctlcmd=0xzz scontext=u:r:a_t tcontext=u:r:b_t tclass=chr_file"))
                  .denial.ioctl_command);
}

TEST_CASE("src and dest give the port of network denials") {
  CHECK(kernel(avc("name_bind", "src=8080 scontext=u:r:a_t tcontext=u:r:b_t tclass=tcp_socket"))
            .denial.port == 8080u);
  CHECK(kernel(avc("name_connect", "dest=5432 scontext=u:r:a_t tcontext=u:r:b_t tclass=tcp_socket"))
            .denial.port == 5432u);
}

TEST_CASE("hex-encoded names are decoded") {
  CHECK(kernel(avc("read", "name=2F746D702F612062 scontext=u:r:a_t tcontext=u:r:b_t tclass=file"))
            .denial.name == "/tmp/a b");
}

TEST_CASE("a USER_AVC is read from inside msg='...'") {
  const auto result = parse_avc(
      "pid=2350 uid=81 auid=4294967295 ses=4294967295 subj=system_u:system_r:system_dbusd_t:s0 "
      "msg='avc:  denied  { send_msg } for msgtype=method_call interface=org.freedesktop.login1.Manager "
      "member=Inhibit dest=org.freedesktop.login1 spid=1234 tpid=812 "
      "scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:system_r:systemd_logind_t:s0 "
      "tclass=dbus permissive=0  exe=\"/usr/bin/dbus-daemon\" sauid=81 hostname=? addr=? terminal=?'",
      DecisionOrigin::Userspace);
  REQUIRE(result.kind == AvcKind::Decision);
  const auto& d = result.denial;
  CHECK(d.origin == DecisionOrigin::Userspace);
  CHECK(d.permissions == Perms{"send_msg"});
  CHECK(d.source.type == "httpd_t");
  CHECK(d.target.type == "systemd_logind_t");
  CHECK(d.tclass == "dbus");
  CHECK(d.permissive == false);
  CHECK_FALSE(d.port);  // dest= names a D-Bus service here
}

TEST_CASE("a USER_AVC without avc: is another notice") {
  CHECK(parse_avc("pid=1 uid=0 msg='op=reload'", DecisionOrigin::Userspace).kind ==
        AvcKind::OtherNotice);
}

TEST_CASE("a kernel AVC without avc: is malformed") {
  CHECK(problem_of(" pid=1 scontext=u:r:a_t") == "AVC record without 'avc:'");
}

TEST_CASE("a policyload notice is a policy load, in AVC and USER_AVC") {
  CHECK(kernel(" avc:  received policyload notice (seqno=2)").kind == AvcKind::PolicyLoad);
  CHECK(parse_avc("pid=1 uid=0 msg='avc:  received policyload notice (seqno=3)  exe=\"/usr/bin/dbus-daemon\"'",
                  DecisionOrigin::Userspace)
            .kind == AvcKind::PolicyLoad);
}

TEST_CASE("a setenforce notice is another notice") {
  CHECK(kernel(" avc:  received setenforce notice (enforcing=1)").kind == AvcKind::OtherNotice);
}

TEST_CASE("an AVC without scontext, tcontext or tclass is refused") {
  CHECK(problem_of(avc("read", "tcontext=u:r:b_t tclass=file")) == "AVC record without scontext=");
  CHECK(problem_of(avc("read", "scontext=u:r:a_t tclass=file")) == "AVC record without tcontext=");
  CHECK(problem_of(avc("read", "scontext=u:r:a_t tcontext=u:r:b_t")) == "AVC record without tclass=");
}

TEST_CASE("an AVC without a permission list is refused") {
  CHECK(problem_of(" avc:  denied  read for scontext=u:r:a_t tcontext=u:r:b_t tclass=file") ==
        "AVC record without a '{ permissions }' list");
  CHECK(problem_of(" avc:  denied  { read for scontext=u:r:a_t") ==
        "AVC permission list has no closing '}'");
  CHECK(problem_of(avc("")) == "AVC record with an empty permission list");
}

TEST_CASE("an invalid permission name is refused and quoted escaped") {
  CHECK(problem_of(avc("read re-ad")) == "invalid permission name 're-ad'");
  CHECK(problem_of(avc("read\x01")) == "invalid permission name 'read\\x01'");
}

TEST_CASE("an invalid type in a context is refused") {
  CHECK(problem_of(avc("read", "scontext=system_u:system_r:httpd-t:s0 tcontext=u:r:b_t tclass=file")) ==
        "scontext 'system_u:system_r:httpd-t:s0' has an invalid type");
  CHECK(problem_of(avc("read", "scontext=u:r:a_t tcontext=u:r:b{_t tclass=file")) ==
        "tcontext 'u:r:b{_t' has an invalid type");
  CHECK(problem_of(avc("read", "scontext=u:r tcontext=u:r:b_t tclass=file")) ==
        "scontext 'u:r' is not a user:role:type context");
}

TEST_CASE("an invalid class name is refused") {
  CHECK(problem_of(avc("read", "scontext=u:r:a_t tcontext=u:r:b_t tclass=fi.le")) ==
        "invalid class name 'fi.le'");
  CHECK(problem_of(avc("read", "scontext=u:r:a_t tcontext=u:r:b_t tclass=\"a\\b\"")) ==
        "invalid class name 'a\\x5cb'");
}

TEST_CASE("32 permissions are accepted and 33 refused") {
  std::string perms;
  for (int i = 0; i < 32; ++i) perms += " p" + std::to_string(i);
  const auto accepted = kernel(avc(perms));
  REQUIRE(accepted.kind == AvcKind::Decision);
  CHECK(accepted.denial.permissions.size() == 32);
  CHECK(problem_of(avc(perms + " p32")) == "AVC record names more than 32 permissions");
}

// Regression: the list was cut at 128 names before deduplication, so a record
// repeating one permission hid the ones after it and still became a rule.
TEST_CASE("a permission list padded with repeats is refused, not cut short") {
  std::string perms;
  for (int i = 0; i < 200; ++i) perms += " read";
  CHECK(problem_of(avc(perms + " write")) == "AVC record lists more than 128 permission names");
}

TEST_CASE("conflicting duplicate fields are refused") {
  CHECK(problem_of(avc("read", "scontext=u:r:a_t scontext=u:r:unconfined_t tcontext=u:r:b_t tclass=file")) ==
        "conflicting scontext= values");
  CHECK(problem_of(avc("read", "scontext=u:r:a_t tcontext=u:r:b_t tcontext=u:r:c_t tclass=file")) ==
        "conflicting tcontext= values");
  CHECK(problem_of(avc("read", "scontext=u:r:a_t tcontext=u:r:b_t tclass=file tclass=dir")) ==
        "conflicting tclass= values");
}

TEST_CASE("a repeated field with the same value is accepted") {
  const auto result = kernel(avc("read", "scontext=u:r:a_t scontext=u:r:a_t tcontext=u:r:b_t tclass=file"));
  REQUIRE(result.kind == AvcKind::Decision);
  CHECK(result.denial.source.type == "a_t");
}

TEST_CASE("the first comm, exe, path and name win") {
  const auto result = kernel(avc(
      "read", "comm=\"first\" comm=\"second\" exe=\"/bin/a\" exe=\"/bin/b\" path=\"/a\" path=\"/b\" "
              "name=\"a\" name=\"b\" scontext=u:r:a_t tcontext=u:r:b_t tclass=file"));
  REQUIRE(result.kind == AvcKind::Decision);
  CHECK(result.denial.comm == "first");
  CHECK(result.denial.exe == "/bin/a");
  CHECK(result.denial.path == "/a");
  CHECK(result.denial.name == "a");
}
