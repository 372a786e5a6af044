#pragma once
/// Reads SELINUX_ERR `security_compute_sid` reports: a transition produced a
/// context whose role may not have the type, which audit2allow answers with
/// `role R types T;`.
///
/// Old form:
///   security_compute_sid:  invalid context staff_u:staff_r:staff_userhelper_t:s0 for
///   scontext=staff_u:staff_r:staff_t:s0 tcontext=system_u:object_r:userhelper_exec_t:s0 tclass=process
/// Current form (audit2allow 3.4 no longer reads it):
///   op=security_compute_sid invalid_context="unconfined_u:unconfined_r:plone_t:s0"
///   scontext=unconfined_u:unconfined_r:unconfined_t:s0 tcontext=system_u:object_r:plonectl_exec_t:s0 tclass=process
#include <string>
#include <string_view>

#include "avcsift/model/audit_event.hpp"

namespace avcsift::parse {

/// What a SELINUX_ERR body turned out to be.
enum class SelinuxErrKind {
  InvalidContext,  ///< a compute_sid report, in SelinuxErrParse::report.
  Other,           ///< another SELINUX_ERR (bounds, validate_transition): not a rule.
  Malformed,       ///< a compute_sid report that could not be read.
};

/// The result of parsing one SELINUX_ERR body.
struct SelinuxErrParse {
  SelinuxErrKind kind = SelinuxErrKind::Other;
  InvalidContext report;
  std::string problem;
};

/// Parses one SELINUX_ERR body; contexts are validated like AVC contexts.
[[nodiscard]] SelinuxErrParse parse_selinux_err(std::string_view body);

}  // namespace avcsift::parse
