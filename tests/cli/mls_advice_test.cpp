// MLS sensitivity denials (read up, write down) explained in plain words by
// why and report, with the MLS test policy (testdata/policy/avcsift-mls.cil)
// and records shaped as the kernel logs them.
#include <catch2/catch.hpp>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using avcsift::test::run_avcsift;
using avcsift::test::TempDir;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// user_t at s0 (unclassified) opens a file at s1 (secret) for reading.
const std::string kReadUp =
    "type=AVC msg=audit(1764600000.100:201): avc:  denied  { read } for  pid=3100 comm=\"cat\" "
    "name=\"plan.txt\" dev=\"sda1\" ino=4012 scontext=user_u:user_r:user_t:s0 "
    "tcontext=system_u:object_r:report_t:s1 tclass=file permissive=0\n"
    "type=SYSCALL msg=audit(1764600000.100:201): arch=c000003e syscall=257 success=no exit=-13 a0=ffffff9c "
    "a1=7ffd3c1e2a10 a2=0 a3=0 items=1 ppid=3000 pid=3100 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 "
    "fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=3 comm=\"cat\" exe=\"/usr/bin/cat\" "
    "subj=user_u:user_r:user_t:s0 key=(null)\n";

// user_t at s1 writes a file at s0: what it read at s1 could leak down.
const std::string kWriteDown =
    "type=AVC msg=audit(1764600001.200:202): avc:  denied  { write } for  pid=3101 comm=\"tee\" "
    "name=\"summary.txt\" dev=\"sda1\" ino=4013 scontext=user_u:user_r:user_t:s1 "
    "tcontext=system_u:object_r:report_t:s0 tclass=file permissive=0\n"
    "type=SYSCALL msg=audit(1764600001.200:202): arch=c000003e syscall=257 success=no exit=-13 a0=ffffff9c "
    "a1=7ffd3c1e2a20 a2=241 a3=1b6 items=1 ppid=3000 pid=3101 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 "
    "fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=3 comm=\"tee\" exe=\"/usr/bin/tee\" "
    "subj=user_u:user_r:user_t:s1 key=(null)\n";

}  // namespace

TEST_CASE("why explains an MLS read up as the source level not dominating the target's") {
  TempDir dir;
  const auto log = dir.write("audit.log", kReadUp);
  const auto why = run_avcsift({"why", "-p", AVCSIFT_MLS_TEST_POLICY, log.string()});
  CHECK(why.status == 0);
  CHECK(contains(why.out, "(l1 dom l2 -Fail-)"));
  CHECK(contains(why.out, "\tavcsift: The source level s0 does not dominate the target level s1: its sensitivity s0 "
                          "is below s1 (reading up: a process may not read above its own level).\n"));
  CHECK(contains(why.out, "\tavcsift: No allow rule can fix this: the TE rules allow the access and an MLS "
                          "constraint compares the levels; change a level instead.\n"));
}

TEST_CASE("why explains an MLS write down as writing below the process's own level") {
  TempDir dir;
  const auto log = dir.write("audit.log", kWriteDown);
  const auto why = run_avcsift({"why", "-p", AVCSIFT_MLS_TEST_POLICY, log.string()});
  CHECK(why.status == 0);
  CHECK(contains(why.out, "(l1 eq l2 -Fail-)"));
  CHECK(contains(why.out, "\tavcsift: The source level s1 and the target level s0 differ, and this access needs "
                          "equal levels (writing down: the process at s1 may not write below its own level, or it "
                          "could leak what it read into s0).\n"));
}

TEST_CASE("report tells a process reading up to run at the data's level, never to relabel the data") {
  TempDir dir;
  const auto log = dir.write("audit.log", kReadUp);
  const auto report = run_avcsift({"report", "-p", AVCSIFT_MLS_TEST_POLICY, log.string()});
  CHECK(report.status == 0);
  CHECK(contains(report.out, "medium constraint_denial: a level (MLS/MCS) constraint denies this"));
  CHECK(contains(report.out, "     1. process_level: run the process at the level of the data"));
  CHECK(contains(report.out, "          runcon -l s1 COMMAND   # or: newrole -l s1\n"));
  CHECK(contains(report.out, "     2. allow_rule: no allow rule can fix a constraint denial"));
  CHECK(contains(report.out, "          # allow user_t report_t:file read;  (useless: a constraint denies it)\n"));
  // Neither MCS container advice nor a level change of the file.
  CHECK_FALSE(contains(report.out, "chcon"));
  CHECK_FALSE(contains(report.out, "podman"));
}

TEST_CASE("report tells a process writing down to run at the lower level of the data") {
  TempDir dir;
  const auto log = dir.write("audit.log", kWriteDown);
  const auto report = run_avcsift({"report", "-p", AVCSIFT_MLS_TEST_POLICY, log.string()});
  CHECK(report.status == 0);
  CHECK(contains(report.out, "writing down: the process at s1 may not write below its own level"));
  CHECK(contains(report.out, "          runcon -l s0 COMMAND   # or: newrole -l s0\n"));
  CHECK(contains(report.out, "          # allow user_t report_t:file write;  (useless: a constraint denies it)\n"));
}
