#pragma once
/// One access decision reported by an AVC or USER_AVC record.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "avcsift/model/audit_stamp.hpp"
#include "avcsift/model/security_context.hpp"
#include "avcsift/model/source_location.hpp"

namespace avcsift {

/// Which component made the decision: the kernel (AVC) or a userspace
/// object manager such as dbus-daemon or systemd (USER_AVC).
enum class DecisionOrigin { Kernel, Userspace };

/// An access the security server decided on, with what the event around it
/// tells about who asked and for what object.
struct Denial {
  DecisionOrigin origin = DecisionOrigin::Kernel;
  bool granted = false;                  ///< `avc: granted` (auditallow) records.
  std::optional<bool> permissive;        ///< `permissive=1/0` when the record says.
  std::vector<std::string> permissions;  ///< sorted, unique.
  SecurityContext source;                ///< scontext.
  SecurityContext target;                ///< tcontext.
  std::string tclass;                    ///< object class.
  std::optional<std::uint32_t> ioctl_command;  ///< `ioctlcmd=0x5401`.

  // What the event says about the subject and object; decoded, untrusted.
  std::string comm;   ///< command name (`comm=`), at most 16 bytes in the kernel.
  std::string exe;    ///< executable, from the AVC or the event's SYSCALL.
  std::string path;   ///< best path of the object: AVC `path=`, AVC_PATH, PATH+CWD.
  std::string name;   ///< `name=` of the AVC (last path component).
  std::optional<std::uint32_t> port;  ///< `src=`/`dest=` of network denials.

  AuditStamp stamp;        ///< of the event.
  std::string node;        ///< `node=` of the record, empty when absent.
  std::string record;      ///< the record text as read, for `why` output.
  SourceLocation where;    ///< input and line of the record.
};

}  // namespace avcsift
