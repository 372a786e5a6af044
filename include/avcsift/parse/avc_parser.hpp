#pragma once
/// Reads the body of an AVC or USER_AVC record into a Denial.
///
/// AVC body (kernel):
///   avc:  denied  { read write } for  pid=6336 comm="clock-applet" name="x.lock" dev=dm-0
///   ino=5434689 scontext=staff_u:staff_r:staff_t:s0 tcontext=user_u:object_r:user_tmp_t:s0
///   tclass=file permissive=0
/// USER_AVC body (dbus-daemon, systemd), the AVC text inside `msg='...'`:
///   user pid=2350 uid=81 auid=4294967295 subj=system_u:system_r:system_dbusd_t:s0
///   msg='avc:  denied  { send_msg } for msgtype=method_call ... tclass=dbus : exe="/bin/dbus-daemon" (...)'
/// Notices that are not decisions: `avc:  received policyload notice (seqno=2)`.
#include <string>
#include <string_view>

#include "avcsift/model/denial.hpp"

namespace avcsift::parse {

class ContextMemo;

/// What an AVC/USER_AVC body turned out to be.
enum class AvcKind {
  Decision,      ///< a denied or granted access, in AvcParse::denial.
  PolicyLoad,    ///< `received policyload notice`.
  OtherNotice,   ///< other AVC chatter (setenforce notice, USER_AVC without avc:).
  Malformed,     ///< unusable; AvcParse::problem says why.
};

/// The result of parsing one AVC or USER_AVC body.
struct AvcParse {
  AvcKind kind = AvcKind::Malformed;
  Denial denial;        ///< for Decision: access, contexts and record fields.
  std::string problem;  ///< for Malformed: one line, log text already escaped.
};

/// Most permissions one record may name: the kernel's access vector is 32 bits.
inline constexpr std::size_t kMaxPermissionsPerRecord = 32;
/// Most names (repeats included) one record's list may hold before it is
/// refused unread: the kernel never repeats one, so a longer list is forged.
inline constexpr std::size_t kMaxPermissionNames = kMaxPermissionsPerRecord * 4;

/// Parses the body of an AVC (origin Kernel) or USER_AVC (origin Userspace)
/// record. Every name that may reach policy text (types, roles, users, class,
/// permissions) is validated as an identifier; a record failing that is
/// Malformed and never becomes a rule.
/// `contexts`, when given, remembers contexts already validated.
[[nodiscard]] AvcParse parse_avc(std::string_view body, DecisionOrigin origin,
                                 ContextMemo* contexts = nullptr);

}  // namespace avcsift::parse
