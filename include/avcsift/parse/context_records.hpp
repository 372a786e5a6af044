#pragma once
/// Reads the records that give a denial its context: who ran what, where.
///
///   SYSCALL:   arch=c000003e syscall=257 success=no exit=-13 ... comm="httpd" exe="/usr/sbin/httpd" subj=...
///   PATH:      item=0 name="/etc/passwd" inode=1234 dev=fd:00 mode=0100644 ... nametype=NORMAL
///   CWD:       cwd="/usr/local/Plone"
///   PROCTITLE: proctitle=2F7573722F62696E2F707974686F6E00... (hex, NUL-separated argv)
///   SOCKADDR:  saddr=020000507F0000010000000000000000 (family, port, address)
///   AVC_PATH:  path="/var/www/html/index.html"
#include <string_view>

#include "avcsift/model/audit_event.hpp"

namespace avcsift::parse {

/// Fills `event.syscall` from a SYSCALL body.
void read_syscall(std::string_view body, AuditEvent& event);
/// Appends the `name=` of a PATH body to `event.paths`.
void read_path(std::string_view body, AuditEvent& event);
/// Sets `event.cwd` from a CWD body.
void read_cwd(std::string_view body, AuditEvent& event);
/// Sets `event.proctitle` from a PROCTITLE body (argv joined by spaces).
void read_proctitle(std::string_view body, AuditEvent& event);
/// Sets `event.sockaddr` to `inet 10.0.0.1:80`, `inet6 [::1]:80` or
/// `unix /run/x.sock` from a SOCKADDR body; the raw hex for other families.
void read_sockaddr(std::string_view body, AuditEvent& event);
/// The `path=` of an AVC_PATH body, decoded.
[[nodiscard]] std::string read_avc_path(std::string_view body);

}  // namespace avcsift::parse
