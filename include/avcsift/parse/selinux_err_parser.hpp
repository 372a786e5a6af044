#pragma once
/// Reads SELINUX_ERR records: what the kernel's security server refused or
/// could not compute without an AVC denial. Each form below is the text of
/// one audit_log call of security/selinux (ss/services.c, hooks.c); the
/// contexts in `oldcontext=`, `newcontext=`, `scontext=` are plain, the
/// `invalid_context=` values are untrusted strings (quoted, or hex when they
/// hold spaces or unprintable bytes).
///
/// compute_sid, old form (kernels before 2.6.25; audit2allow reads it):
///   security_compute_sid:  invalid context staff_u:staff_r:staff_userhelper_t:s0 for
///   scontext=staff_u:staff_r:staff_t:s0 tcontext=system_u:object_r:userhelper_exec_t:s0 tclass=process
/// compute_sid, current form (audit2allow 3.4 no longer reads it): a
/// transition computed a context whose role may not hold the type:
///   op=security_compute_sid invalid_context="unconfined_u:unconfined_r:plone_t:s0"
///   scontext=unconfined_u:unconfined_r:unconfined_t:s0 tcontext=system_u:object_r:plonectl_exec_t:s0 tclass=process
/// bounded_transition: an exec under no_new_privs or from a nosuid mount, or
/// a setcon() by a multithreaded process, into a type not bounded by the old:
///   op=security_bounded_transition seresult=denied oldcontext=system_u:system_r:init_t:s0
///   newcontext=system_u:system_r:plone_t:s0
/// validate_transition: a validatetrans constraint refused a relabel:
///   op=security_validate_transition seresult=denied oldcontext=system_u:object_r:etc_t:s0
///   newcontext=system_u:object_r:etc_t:s1 taskcontext=staff_u:staff_r:staff_t:s0 tclass=file
/// compute_av, reason=bounds: a bounded type lost permissions its parent lacks:
///   op=security_compute_av reason=bounds scontext=system_u:system_r:bounded_child_t:s0
///   tcontext=system_u:object_r:data_t:s0 tclass=file perms=write,append
/// sid_mls_copy: a peer's level combined with a local type is invalid:
///   op=security_sid_mls_copy invalid_context="system_u:system_r:httpd_t:s15:c0.c1023"
/// setxattr / fscreate: a process set a file label, or asked to create files
/// with one, that the policy does not define (hex when it holds a space):
///   op=setxattr invalid_context="system_u:object_r:plone_rw_t:s0"
///   op=fscreate invalid_context=73797374656D5F753A6F626A6563745F723A6E6F5F74
#include <string>
#include <string_view>

#include "avcsift/model/audit_event.hpp"

namespace avcsift::parse {

/// What a SELINUX_ERR body turned out to be.
enum class SelinuxErrKind {
  InvalidContext,  ///< a compute_sid report, in SelinuxErrParse::report.
  Error,           ///< another known report, in SelinuxErrParse::error.
  Other,           ///< an op= avcsift does not know: not a rule, no explanation.
  Malformed,       ///< a known report that could not be read.
};

/// The result of parsing one SELINUX_ERR body.
struct SelinuxErrParse {
  SelinuxErrKind kind = SelinuxErrKind::Other;
  InvalidContext report;
  SelinuxError error;
  std::string problem;
};

/// Parses one SELINUX_ERR body; contexts are validated like AVC contexts.
[[nodiscard]] SelinuxErrParse parse_selinux_err(std::string_view body);

}  // namespace avcsift::parse
