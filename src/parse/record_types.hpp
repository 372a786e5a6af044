#pragma once
/// Audit record type numbers (linux/audit.h) that EventReader reads; libaudit's
/// header is not needed for a handful of constants.

namespace avcsift::parse {

constexpr int kUserAvc = 1107;
constexpr int kDaemonStart = 1200;
constexpr int kSyscall = 1300;
constexpr int kPath = 1302;
constexpr int kSockaddr = 1306;
constexpr int kCwd = 1307;
constexpr int kProctitle = 1327;
constexpr int kAvc = 1400;
constexpr int kSelinuxErr = 1401;
constexpr int kAvcPath = 1402;
constexpr int kMacPolicyLoad = 1403;

}  // namespace avcsift::parse
