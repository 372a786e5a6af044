#pragma once
/// A SELINUX_ERR record other than a compute_sid invalid context: the kernel
/// refused something without an AVC denial (see parse/selinux_err_parser.hpp
/// for the record forms and explain/selinux_errors.hpp for what each means).
#include <string>
#include <vector>

#include "avcsift/model/security_context.hpp"
#include "avcsift/model/source_location.hpp"

namespace avcsift {

/// Which kernel check logged the SELINUX_ERR. Closed: switch on it
/// exhaustively (no `default:`).
enum class SelinuxErrorKind {
  BoundedTransition,   ///< op=security_bounded_transition: NNP/nosuid exec or threaded setcon.
  ValidateTransition,  ///< op=security_validate_transition: a validatetrans constraint.
  BoundsMasked,        ///< op=security_compute_av reason=bounds: typebounds took permissions away.
  MlsCopyInvalid,      ///< op=security_sid_mls_copy: a peer's level made an invalid context.
  SetxattrInvalid,     ///< op=setxattr: a file label the policy does not know.
  FscreateInvalid,     ///< op=fscreate: a file creation context the policy does not know.
};

/// One SELINUX_ERR report. Which fields are set depends on the kind; see
/// the parser's header for each form.
struct SelinuxError {
  SelinuxErrorKind kind = SelinuxErrorKind::BoundedTransition;
  SecurityContext old_context;   ///< oldcontext= (transitions), scontext= (compute_av).
  SecurityContext new_context;   ///< newcontext= (transitions), tcontext= (compute_av).
  SecurityContext task_context;  ///< taskcontext= (validate_transition).
  std::string tclass;            ///< tclass= when the record names one.
  std::vector<std::string> permissions;  ///< perms= of compute_av, sorted.
  std::string invalid_context;   ///< invalid_context= as logged (untrusted text).
  std::string record;            ///< the record text as read, for `why` output.
  SourceLocation where;          ///< input and line of the record.
};

/// Stable snake_case name of a kind (`bounded_transition`, ...), as JSON shows it.
[[nodiscard]] const char* selinux_error_name(SelinuxErrorKind kind);

}  // namespace avcsift
