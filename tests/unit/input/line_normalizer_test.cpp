// LineNormalizer: every log format of the header comment, turned into raw records.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <ctime>
#include <string>

#include "avcsift/input/line_normalizer.hpp"

using avcsift::input::LineKind;
using avcsift::input::LineNormalizer;
using avcsift::input::NormalizedLine;
using avcsift::input::record_type_name;

namespace {

/// Syslog and `ausearch -i` times are local; pin the zone so mktime is exact.
void use_utc() {
  setenv("TZ", "UTC", 1);
  tzset();
}

NormalizedLine normalize(LineNormalizer& normalizer, std::string_view line) {
  NormalizedLine out;
  normalizer.normalize(line, out);
  return out;
}

NormalizedLine normalize(std::string_view line) {
  LineNormalizer normalizer(2026);
  return normalize(normalizer, line);
}

const char* kind_name(LineKind kind) {
  switch (kind) {
    case LineKind::Records: return "Records";
    case LineKind::Skipped: return "Skipped";
    case LineKind::Unrelated: return "Unrelated";
    case LineKind::Malformed: return "Malformed";
  }
  return "?";
}

}  // namespace

namespace Catch {
template <>
struct StringMaker<LineKind> {
  static std::string convert(LineKind kind) { return kind_name(kind); }
};
}  // namespace Catch

// 2026-11-25 10:00:00 UTC, the time of the sample logs.
constexpr const char* kAvcBody =
    " avc:  denied  { read } for  pid=812 comm=\"httpd\" name=\"index.html\" "
    "scontext=system_u:system_r:httpd_t:s0 tcontext=unconfined_u:object_r:user_home_t:s0 tclass=file "
    "permissive=0";

TEST_CASE("a raw audit.log record passes through unchanged") {
  const std::string line = std::string("type=AVC msg=audit(1795600800.123:456):") + kAvcBody;
  const auto out = normalize(line);
  CHECK(out.kind == LineKind::Records);
  CHECK(out.record_count == 1);
  CHECK(out.records == line + "\n");
  CHECK(out.problem.empty());
}

TEST_CASE("a record with node= keeps its node") {
  const auto out = normalize(
      "node=web1 type=AVC msg=audit(1764064800.100:500): avc:  denied  { read } for  pid=812");
  CHECK(out.kind == LineKind::Records);
  CHECK(out.records ==
        "node=web1 type=AVC msg=audit(1764064800.100:500): avc:  denied  { read } for  pid=812\n");
}

TEST_CASE("the older host= prefix becomes node=") {
  const auto out = normalize("host=web1 type=CWD msg=audit(1764064800.100:500):  cwd=\"/\"");
  CHECK(out.kind == LineKind::Records);
  CHECK(out.records == "node=web1 type=CWD msg=audit(1764064800.100:500):  cwd=\"/\"\n");
}

TEST_CASE("a trailing carriage return and spaces are dropped") {
  const auto out = normalize("type=CWD msg=audit(1764064800.100:500): cwd=\"/\" \r");
  CHECK(out.records == "type=CWD msg=audit(1764064800.100:500): cwd=\"/\"\n");
}

TEST_CASE("several records on one line are split into one record each") {
  const auto out = normalize(
      "type=PATH msg=audit(1166111074.191:74): item=0 name=\"/etc/auto.net\" inode=16483485 "
      "type=CWD msg=audit(1166111074.191:74):  cwd=\"/\"");
  CHECK(out.kind == LineKind::Records);
  CHECK(out.record_count == 2);
  CHECK(out.records ==
        "type=PATH msg=audit(1166111074.191:74): item=0 name=\"/etc/auto.net\" inode=16483485\n"
        "type=CWD msg=audit(1166111074.191:74):  cwd=\"/\"\n");
}

TEST_CASE("records on one line each keep their own node=") {
  const auto out = normalize(
      "node=a type=PATH msg=audit(1.000:74): item=0 node=b type=CWD msg=audit(1.000:75): cwd=\"/\"");
  CHECK(out.records ==
        "node=a type=PATH msg=audit(1.000:74): item=0\n"
        "node=b type=CWD msg=audit(1.000:75): cwd=\"/\"\n");
}

// Regression: audit2allow's test.log line 3 has `node=bob.example.com type=PATH ...
// type=CWD ...`; the CWD lost the node and so became an event of its own.
TEST_CASE("a record on a node= line without its own node= keeps the line's node") {
  const auto out = normalize(
      "node=bob.example.com type=PATH msg=audit(1166111074.191:74): item=0 name=\"/etc/auto.net\" "
      "obj=system_u:object_r:automount_lock_t:s0 type=CWD msg=audit(1166111074.191:74):  cwd=\"/\"");
  CHECK(out.record_count == 2);
  CHECK(out.records ==
        "node=bob.example.com type=PATH msg=audit(1166111074.191:74): item=0 name=\"/etc/auto.net\" "
        "obj=system_u:object_r:automount_lock_t:s0\n"
        "node=bob.example.com type=CWD msg=audit(1166111074.191:74):  cwd=\"/\"\n");
}

TEST_CASE("a record header inside a quoted value does not split the record") {
  const std::string line =
      "type=USER_AVC msg=audit(1764064800.100:501): pid=1 uid=0 "
      "msg='avc:  denied  { send_msg } for comm=\"x type=AVC msg=audit(1.000:9): y\" "
      "tclass=dbus type=AVC msg=audit(2.000:8): b' name=\"c type=AVC msg=audit(3.000:7): d\"";
  const auto out = normalize(line);
  CHECK(out.kind == LineKind::Records);
  CHECK(out.record_count == 1);
  CHECK(out.records == line + "\n");
}

TEST_CASE("ausearch separators are skipped") {
  CHECK(normalize("----").kind == LineKind::Skipped);
  CHECK(normalize("time->Wed Nov 25 10:00:00 2026").kind == LineKind::Skipped);
}

TEST_CASE("blank lines and comments are skipped") {
  CHECK(normalize("").kind == LineKind::Skipped);
  CHECK(normalize("   \t ").kind == LineKind::Skipped);
  CHECK(normalize("\r").kind == LineKind::Skipped);
  CHECK(normalize("# raw.log: a plain audit.log type=AVC msg=audit(1.0:1): x").kind ==
        LineKind::Skipped);
  CHECK(normalize("   # indented comment").kind == LineKind::Skipped);
  const auto out = normalize("# comment");
  CHECK(out.records.empty());
  CHECK(out.record_count == 0);
}

TEST_CASE("an ausearch -i stamp in local time is converted back to seconds") {
  use_utc();
  const auto out = normalize(
      "type=AVC msg=audit(11/25/2026 10:00:00.123:456) : avc:  denied  { read } for  pid=1234 "
      "comm=httpd name=index.html scontext=system_u:system_r:httpd_t:s0 "
      "tcontext=unconfined_u:object_r:user_home_t:s0 tclass=file permissive=0 ");
  CHECK(out.kind == LineKind::Records);
  CHECK(out.records ==
        "type=AVC msg=audit(1795600800.123:456): avc:  denied  { read } for  pid=1234 comm=httpd "
        "name=index.html scontext=system_u:system_r:httpd_t:s0 "
        "tcontext=unconfined_u:object_r:user_home_t:s0 tclass=file permissive=0\n");
}

// Regression: in the C locale ausearch -i prints a two-digit year
// (`11/25/26`), which was read as the year 26 and gave negative seconds.
TEST_CASE("an ausearch -i stamp with a two-digit year is in this century") {
  use_utc();
  const auto out = normalize(
      "type=SOCKADDR msg=audit(11/25/26 10:00:01.502:458) : saddr={ saddr_fam=inet "
      "laddr=10.0.0.7 lport=5432 } ");
  CHECK(out.records ==
        "type=SOCKADDR msg=audit(1795600801.502:458): saddr={ saddr_fam=inet laddr=10.0.0.7 "
        "lport=5432 }\n");
}

TEST_CASE("an ausearch -i stamp follows the local time zone") {
  setenv("TZ", "UTC+2", 1);  // POSIX sign: two hours behind UTC
  tzset();
  const auto out = normalize("type=CWD msg=audit(11/25/2026 10:00:00.123:456) : cwd=/");
  use_utc();
  CHECK(out.records == "type=CWD msg=audit(1795608000.123:456): cwd=/\n");
}

TEST_CASE("an ausearch -i record with an unreadable date is kept with its serial and no time") {
  const auto out = normalize("type=CWD msg=audit(13/25/2026 10:00:00.123:456) : cwd=/");
  CHECK(out.kind == LineKind::Records);
  CHECK(out.records == "type=CWD msg=audit(36000.123:456): cwd=/\n");
  CHECK(out.time == avcsift::StampTime::Unknown);
  CHECK(out.note ==
        "cannot read the date in audit(13/25/2026 10:00:00.123:456); records with such dates are kept, "
        "without a time");
}

TEST_CASE("ausearch -i dates of the German Swedish Japanese and Korean locales are read") {
  use_utc();
  for (const char* date : {"25.11.2026", "2026-11-25", "2026\u5e7411\u670825\u65e5", "25/11/26"}) {
    const auto out = normalize(std::string("type=CWD msg=audit(") + date + " 10:00:00.123:456) : cwd=/");
    CHECK(out.records == "type=CWD msg=audit(1795600800.123:456): cwd=/\n");
    CHECK(out.note.empty());
  }
}

TEST_CASE("an ambiguous ausearch -i date is read month first with one warning per input") {
  use_utc();
  LineNormalizer normalizer(2026);
  const auto first = normalize(normalizer, "type=CWD msg=audit(08/12/25 10:00:00.000:1) : cwd=/");
  CHECK(first.records == "type=CWD msg=audit(1754992800.000:1): cwd=/\n");
  CHECK(first.note ==
        "date '08/12/25' could be month/day/year or day/month/year: read as month/day/year, like every "
        "such date of this input; say --date-order dmy if the log was written day first");
  CHECK(normalize(normalizer, "type=CWD msg=audit(08/12/25 10:00:00.000:2) : cwd=/").note.empty());
  LineNormalizer told(2026, avcsift::input::DateOrder::DayMonthYear);
  CHECK(normalize(told, "type=CWD msg=audit(08/12/25 10:00:00.000:1) : cwd=/").records ==
        "type=CWD msg=audit(1765188000.000:1): cwd=/\n");
}

TEST_CASE("a kernel syslog line keeps its stamp and its numeric type becomes a name") {
  const auto out = normalize(
      "Nov 25 10:00:01 web1 kernel: audit: type=1400 audit(1764064801.123:457): avc:  denied  "
      "{ write } for  pid=1 tclass=file");
  CHECK(out.kind == LineKind::Records);
  CHECK(out.records ==
        "type=AVC msg=audit(1764064801.123:457): avc:  denied  { write } for  pid=1 tclass=file\n");
}

TEST_CASE("an audisp-syslog line keeps the node of the forwarded record") {
  const auto out = normalize(
      "Nov 25 10:00:00 web1 audisp-syslog[812]: node=web1 type=AVC msg=audit(1764064800.100:500): "
      "avc:  denied  { read } for  pid=2210");
  CHECK(out.records ==
        "node=web1 type=AVC msg=audit(1764064800.100:500): avc:  denied  { read } for  pid=2210\n");
}

TEST_CASE("a journald audit[PID] line gets a stamp from the syslog time and a made-up serial") {
  use_utc();
  LineNormalizer normalizer(2026);
  const auto first = normalize(
      normalizer,
      "Nov 25 10:00:00 web1 audit[1234]: AVC avc:  denied  { name_connect } for  pid=1234 "
      "comm=\"httpd\" dest=5432 tclass=tcp_socket permissive=0");
  CHECK(first.kind == LineKind::Records);
  CHECK(first.records ==
        "type=AVC msg=audit(1795600800.000:1): avc:  denied  { name_connect } for  pid=1234 "
        "comm=\"httpd\" dest=5432 tclass=tcp_socket permissive=0\n");
  const auto second =
      normalize(normalizer, "Nov 25 10:00:00 web1 audit: PROCTITLE proctitle=2F7573722F7362696E");
  CHECK(second.records == "type=PROCTITLE msg=audit(1795600800.000:2): proctitle=2F7573722F7362696E\n");
}

TEST_CASE("a journald line dates a single-digit day padded with a space") {
  use_utc();
  const auto out = normalize("Nov  5 10:00:00 web1 audit[1]: AVC avc:  denied  { read } for x=1");
  CHECK(out.records == "type=AVC msg=audit(1793872800.000:1): avc:  denied  { read } for x=1\n");
}

TEST_CASE("a journald line uses the year it is given") {
  use_utc();
  LineNormalizer normalizer(2025);
  const auto out = normalize(normalizer, "Nov 25 10:00:00 web1 audit[1]: AVC avc:  denied  { read }");
  CHECK(out.records == "type=AVC msg=audit(1764064800.000:1): avc:  denied  { read }\n");
}

TEST_CASE("a short-iso journald line is dated from its own timestamp") {
  use_utc();
  const auto out = normalize(
      "2026-11-25T10:00:02+0000 web1 audit[1234]: AVC avc:  denied  { read } for  pid=1234");
  CHECK(out.kind == LineKind::Records);
  CHECK(out.records == "type=AVC msg=audit(1795600802.000:1): avc:  denied  { read } for  pid=1234\n");
}

// Regression: the UTC offset of a short-iso line was ignored, so a log written
// at +0100 and read on a UTC machine was dated an hour late.
TEST_CASE("a short-iso journald line honours its UTC offset") {
  use_utc();
  CHECK(normalize("2026-11-25T11:00:02+0100 web1 audit[1]: AVC avc:  denied  { read }").records ==
        "type=AVC msg=audit(1795600802.000:1): avc:  denied  { read }\n");
  CHECK(normalize("2026-11-25T04:30:02-0530 web1 audit[1]: AVC avc:  denied  { read }").records ==
        "type=AVC msg=audit(1795600802.000:1): avc:  denied  { read }\n");
  CHECK(normalize("2026-11-25T11:00:02.412873+01:00 web1 audit[1]: AVC avc:  denied  { read }")
            .records == "type=AVC msg=audit(1795600802.000:1): avc:  denied  { read }\n");
}

TEST_CASE("a dmesg line keeps its audit stamp, not the uptime") {
  const auto out = normalize(
      "[   12.345678] audit: type=1400 audit(1764064800.100:600): avc:  denied  { read } for  "
      "pid=1 tclass=dir");
  CHECK(out.kind == LineKind::Records);
  CHECK(out.records ==
        "type=AVC msg=audit(1764064800.100:600): avc:  denied  { read } for  pid=1 tclass=dir\n");
}

TEST_CASE("a dmesg policy load notice becomes MAC_POLICY_LOAD") {
  const auto out = normalize(
      "[    3.912010] audit: type=1403 audit(1795600791.666:2): auid=4294967295 ses=4294967295 "
      "lsm=selinux res=1");
  CHECK(out.records ==
        "type=MAC_POLICY_LOAD msg=audit(1795600791.666:2): auid=4294967295 ses=4294967295 "
        "lsm=selinux res=1\n");
}

TEST_CASE("a numeric type avcsift does not read is left out and counted") {
  const auto out = normalize("[    0.415678] audit: type=2000 audit(1795600788.170:1): state=initialized");
  CHECK(out.kind == LineKind::Records);
  CHECK(out.records.empty());
  CHECK(out.record_count == 0);
  CHECK(out.ignored_records == 1);
  CHECK(avcsift::input::record_type_name(2000) == "UNKNOWN[2000]");
}

TEST_CASE("records of types avcsift does not read are left out of a line") {
  const auto out = normalize(
      "type=LOGIN msg=audit(1795600788.170:1): pid=1 uid=0 type=AVC msg=audit(1795600788.170:2): "
      "avc:  denied  { read } for pid=1 scontext=a:b:c tcontext=a:b:d tclass=file");
  CHECK(out.record_count == 1);
  CHECK(out.ignored_records == 1);
  CHECK(out.records.starts_with("type=AVC msg=audit(1795600788.170:2):"));
}

TEST_CASE("kernel lines that are not audit records are unrelated") {
  CHECK(normalize("[    0.412345] audit: initializing netlink subsys (disabled)").kind ==
        LineKind::Unrelated);
  CHECK(normalize("[    4.020331] systemd[1]: Successfully loaded SELinux policy in 61.402ms.").kind ==
        LineKind::Unrelated);
  CHECK(normalize("[   20.1] audit: audit_lost=3 audit_rate_limit=0 audit_backlog_limit=64").kind ==
        LineKind::Unrelated);
}

TEST_CASE("a logcat line keeps the audit(0.0:N) stamp Android prints") {
  const auto out = normalize(
      "11-25 10:00:00.123  1234  1234 W Binder:123_2: type=1400 audit(0.0:1234): avc: denied "
      "{ read } for name=\"x\" scontext=u:r:untrusted_app:s0 tcontext=u:object_r:x:s0 tclass=file");
  CHECK(out.kind == LineKind::Records);
  CHECK(out.records ==
        "type=AVC msg=audit(0.000:1234): avc: denied { read } for name=\"x\" "
        "scontext=u:r:untrusted_app:s0 tcontext=u:object_r:x:s0 tclass=file\n");
}

TEST_CASE("bare avc lines get unique made-up serials") {
  LineNormalizer normalizer(2026);
  const auto first = normalize(
      normalizer, "avc:  denied  { read } for  pid=4242 comm=\"cat\" name=\"x\" tclass=file");
  const auto second = normalize(normalizer, "  avc: granted { setenforce } for pid=1 tclass=security");
  CHECK(first.kind == LineKind::Records);
  CHECK(first.records ==
        "type=AVC msg=audit(0.000:1): avc:  denied  { read } for  pid=4242 comm=\"cat\" name=\"x\" "
        "tclass=file\n");
  CHECK(second.records ==
        "type=AVC msg=audit(0.000:2): avc: granted { setenforce } for pid=1 tclass=security\n");
}

TEST_CASE("a bare avc line pasted after a syslog prefix is dated by it") {
  use_utc();
  const auto out = normalize("Nov 25 10:00:00 web1 setroubleshoot: avc:  denied  { read } for x=1");
  CHECK(out.records == "type=AVC msg=audit(1795600800.000:1): avc:  denied  { read } for x=1\n");
}

TEST_CASE("text that merely mentions avc is unrelated") {
  CHECK(normalize("Nov 25 10:00:00 web1 setroubleshoot[1]: SELinux is preventing httpd from read")
            .kind == LineKind::Unrelated);
  CHECK(normalize("the avc: cache statistics").kind == LineKind::Unrelated);
  CHECK(normalize("xavc: denied { read }").kind == LineKind::Unrelated);
}

TEST_CASE("unrelated syslog lines are unrelated, not malformed") {
  const auto out = normalize("Nov 25 10:00:01 web1 CRON[2290]: (root) CMD (command -v debian-sa1)");
  CHECK(out.kind == LineKind::Unrelated);
  CHECK(out.records.empty());
  CHECK(out.problem.empty());
}

TEST_CASE("a line with a NUL byte is refused") {
  const std::string line = std::string("type=AVC msg=audit(1.000:1): avc:  denied  { read }") +
                           std::string(1, '\0') + " tclass=file";
  const auto out = normalize(line);
  CHECK(out.kind == LineKind::Malformed);
  CHECK(out.problem == "line contains a NUL byte");
  CHECK(out.records.empty());
  CHECK(out.record_count == 0);
}

TEST_CASE("a record with an unreadable stamp is malformed") {
  for (const char* line : {"type=AVC msg=audit(abc:1): avc:  denied  { read }",
                           "type=AVC msg=audit(1764064800.100): avc:  denied  { read }",
                           "type=AVC msg=audit(1764064800:5): avc:  denied  { read }",
                           "type=AVC msg=audit(1764064800.100:500 avc:  denied  { read }",
                           "type=AVC msg=audit(1764064800.100:5x0): x"}) {
    INFO(line);
    const auto out = normalize(line);
    CHECK(out.kind == LineKind::Malformed);
    CHECK(out.problem == "unreadable audit(...) time stamp");
    CHECK(out.records.empty());
  }
}

TEST_CASE("a bad stamp in a later record spoils the whole line") {
  const auto out = normalize(
      "type=PATH msg=audit(1.000:74): item=0 type=CWD msg=audit(1.x:74): cwd=\"/\"");
  CHECK(out.kind == LineKind::Malformed);
  CHECK(out.problem == "unreadable audit(...) time stamp");
  CHECK(out.records.empty());
  CHECK(out.record_count == 0);
}

TEST_CASE("a line that starts like a record but has no header is malformed") {
  const auto out = normalize("type=AVC something without a stamp");
  CHECK(out.kind == LineKind::Malformed);
  CHECK(out.problem == "no audit(...) record header");
  CHECK(normalize("node=web1 something else").problem == "no audit(...) record header");
}

TEST_CASE("a numeric type that does not fit is malformed") {
  const auto out = normalize("type=1234567 audit(1.000:1): x");
  CHECK(out.kind == LineKind::Malformed);
  CHECK(out.problem == "unreadable record type");
}

TEST_CASE("the output is reset between lines") {
  LineNormalizer normalizer(2026);
  NormalizedLine out;
  normalizer.normalize("type=CWD msg=audit(1.000:1): cwd=\"/\"", out);
  REQUIRE(out.kind == LineKind::Records);
  normalizer.normalize("type=AVC msg=audit(x): bad", out);
  CHECK(out.kind == LineKind::Malformed);
  CHECK(out.records.empty());
  normalizer.normalize("# comment", out);
  CHECK(out.kind == LineKind::Skipped);
  CHECK(out.problem.empty());
}

TEST_CASE("record_type_name maps the numbers kernel lines print") {
  CHECK(record_type_name(1107) == "USER_AVC");
  CHECK(record_type_name(1300) == "SYSCALL");
  CHECK(record_type_name(1302) == "PATH");
  CHECK(record_type_name(1306) == "SOCKADDR");
  CHECK(record_type_name(1307) == "CWD");
  CHECK(record_type_name(1320) == "EOE");
  CHECK(record_type_name(1327) == "PROCTITLE");
  CHECK(record_type_name(1400) == "AVC");
  CHECK(record_type_name(1401) == "SELINUX_ERR");
  CHECK(record_type_name(1402) == "AVC_PATH");
  CHECK(record_type_name(1403) == "MAC_POLICY_LOAD");
  CHECK(record_type_name(1404) == "UNKNOWN[1404]");
  CHECK(record_type_name(0) == "UNKNOWN[0]");
}
