// explain/selinux_errors: what set off a refused bounded transition, the
// denial it stands for, and that its failed system call is not "hidden".
#include <catch2/catch.hpp>

#include "avcsift/explain/hidden_failures.hpp"
#include "avcsift/explain/selinux_errors.hpp"

using avcsift::AuditEvent;
using avcsift::Denial;
using avcsift::SelinuxError;
using avcsift::SelinuxErrorKind;
using avcsift::SyscallInfo;
using avcsift::explain::HiddenFailureTally;
using avcsift::explain::SelinuxErrorTally;
using avcsift::explain::transition_denial;
using avcsift::explain::transition_trigger;
using avcsift::explain::TransitionTrigger;

namespace {

AuditEvent bounded_event(const std::string& syscall, const std::string& exit, const std::string& arch = "c000003e") {
  AuditEvent event;
  SelinuxError error;
  error.kind = SelinuxErrorKind::BoundedTransition;
  error.old_context = {"system_u", "system_r", "init_t", "s0"};
  error.new_context = {"system_u", "system_r", "plone_t", "s0"};
  event.selinux_errors.push_back(error);
  event.syscall = SyscallInfo{syscall, false, exit, "(plonectl)", "/usr/lib/systemd/systemd", arch};
  event.paths = {"/usr/local/Plone/zeocluster/bin/plonectl"};
  return event;
}

}  // namespace

TEST_CASE("an execve failing with EPERM is no_new_privs and with EACCES a nosuid mount") {
  CHECK(transition_trigger(bounded_event("59", "-1")) == TransitionTrigger::ExecNoNewPrivs);
  CHECK(transition_trigger(bounded_event("59", "-13")) == TransitionTrigger::ExecNosuid);
  // ausearch -i names the call, the error and the architecture.
  CHECK(transition_trigger(bounded_event("execve", "EPERM(Operation not permitted)", "x86_64")) ==
        TransitionTrigger::ExecNoNewPrivs);
  CHECK(transition_trigger(bounded_event("221", "-13", "c00000b7")) == TransitionTrigger::ExecNosuid);
}

TEST_CASE("an exec with an AVC or without a SYSCALL record does not say which of NNP and nosuid") {
  auto with_avc = bounded_event("59", "-13");
  with_avc.denials.emplace_back();
  CHECK(transition_trigger(with_avc) == TransitionTrigger::Exec);
  auto bare = bounded_event("59", "-1");
  bare.syscall.reset();
  CHECK(transition_trigger(bare) == TransitionTrigger::Exec);
  // syscall 59 on i386 is not execve.
  CHECK(transition_trigger(bounded_event("59", "-1", "40000003")) == TransitionTrigger::Exec);
}

TEST_CASE("a write is a setcon by a multithreaded process and gives no process2 denial") {
  const auto event = bounded_event("1", "-1");
  CHECK(transition_trigger(event) == TransitionTrigger::ThreadedSetcon);
  CHECK_FALSE(transition_denial(event.selinux_errors.front(), event));
  SelinuxErrorTally tally;
  tally.add(event);
  CHECK(tally.count() == 1);
}

TEST_CASE("a refused exec transition stands for a process2 denial with the event's command") {
  const auto event = bounded_event("59", "-1");
  const auto denial = transition_denial(event.selinux_errors.front(), event);
  REQUIRE(denial);
  CHECK(denial->source.type == "init_t");
  CHECK(denial->target.type == "plone_t");
  CHECK(denial->tclass == "process2");
  CHECK(denial->permissions == std::vector<std::string>{"nnp_transition", "nosuid_transition"});
  CHECK(denial->exe == "/usr/lib/systemd/systemd");
  CHECK(denial->path == "/usr/local/Plone/zeocluster/bin/plonectl");
  SelinuxErrorTally tally;
  tally.add(event);
  CHECK(tally.count() == 0);  // a rule, not a finding of its own
}

TEST_CASE("a failed system call with a SELINUX_ERR report is not a hidden failure") {
  HiddenFailureTally hidden;
  hidden.add(bounded_event("59", "-1"));
  AuditEvent compute_sid;
  compute_sid.invalid_contexts.emplace_back();
  compute_sid.syscall = SyscallInfo{"59", false, "-13", "bash", "/usr/bin/bash", "c000003e"};
  hidden.add(compute_sid);
  CHECK(hidden.count() == 0);
}
