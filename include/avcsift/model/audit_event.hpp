#pragma once
/// An audit event: all records sharing one `audit(TIME:SERIAL)` stamp.
#include <optional>
#include <string>
#include <vector>

#include "avcsift/model/audit_stamp.hpp"
#include "avcsift/model/denial.hpp"
#include "avcsift/model/security_context.hpp"
#include "avcsift/model/selinux_error.hpp"
#include "avcsift/model/source_location.hpp"

namespace avcsift {

/// A SELINUX_ERR `security_compute_sid: invalid context` report: a domain
/// transition computed a context whose role may not hold its type.
struct InvalidContext {
  SecurityContext context;   ///< the invalid context (role and type matter).
  SecurityContext source;    ///< scontext of the computation.
  SecurityContext target;    ///< tcontext of the computation.
  std::string tclass;        ///< usually `process`.
  std::string record;        ///< the record text as read, for `why` output.
  SourceLocation where;      ///< input and line of the record.
};

/// The SYSCALL record of an event, reduced to what explains a denial.
struct SyscallInfo {
  std::string syscall;              ///< number or name (`ausearch -i`).
  std::optional<bool> success;      ///< `success=yes/no`.
  std::string exit;                 ///< `exit=-13`, or `EACCES(...)` when interpreted.
  std::string comm;                 ///< decoded.
  std::string exe;                  ///< decoded.
  std::string arch;                 ///< `c000003e`, or `x86_64` when interpreted.
};

/// One grouped event, as libauparse delivers it, reduced to the records that
/// matter for SELinux: denials, SELINUX_ERR, policy loads and context records.
struct AuditEvent {
  AuditStamp stamp;
  std::string node;                          ///< empty when the log has no `node=`.
  std::vector<Denial> denials;               ///< AVC and USER_AVC records, in order.
  std::vector<InvalidContext> invalid_contexts;  ///< SELINUX_ERR compute_sid reports.
  std::vector<SelinuxError> selinux_errors;      ///< the other SELINUX_ERR reports.
  bool policy_load = false;                  ///< MAC_POLICY_LOAD, or an old auditd's DAEMON_START.
  std::optional<SyscallInfo> syscall;        ///< the SYSCALL record, when present.
  std::vector<std::string> paths;            ///< PATH `name=` values, decoded, in order.
  std::string cwd;                           ///< CWD record, decoded.
  std::string proctitle;                     ///< PROCTITLE, decoded (NULs as spaces).
  std::string sockaddr;                      ///< SOCKADDR, decoded to `inet 10.0.0.1:80` etc.
  SourceLocation where;                      ///< of the first record.
};

}  // namespace avcsift
