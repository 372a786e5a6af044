#pragma once
/// The data behind the suspicious-access checks, in one place so that a
/// reviewer can extend it: which types belong to the system, which hold user
/// secrets, which domains are unconfined, and which permissions are dangerous.
///
/// Why lists and not policy attributes: the reference policy marks most of
/// these with attributes (`file_type`, `security_file_type`), but so does
/// every application module, and a third-party module is exactly what a
/// report reviews. A short explicit list of well-known names is predictable,
/// and anything not owned by the application (see AppScope) counts as a
/// system type anyway.
#include <string_view>

namespace avcsift::explain {

/// Well-known system file types (etc_t, bin_t, lib_t, usr_t, boot_t, ...).
[[nodiscard]] bool is_system_type(std::string_view type);
/// Types that hold user or system secrets (user_home_t, ssh_home_t,
/// shadow_t, ...).
[[nodiscard]] bool is_secret_type(std::string_view type);
/// Unconfined and login-user domains (unconfined_t, sysadm_t, staff_t, ...):
/// rules for them widen every user's reach, and their denials on an
/// application's types usually mean a missing domain transition.
[[nodiscard]] bool is_unconfined_domain(std::string_view type);
/// Generic labels a file only has when it was never labelled properly
/// (default_t, file_t, unlabeled_t).
[[nodiscard]] bool is_generic_file_label(std::string_view type);
/// Capabilities that bypass permission checks or reach into the kernel.
[[nodiscard]] bool is_dangerous_capability(std::string_view permission);
/// `process` permissions that weaken memory protection or let a process
/// change or inspect another's context.
[[nodiscard]] bool is_dangerous_process_permission(std::string_view permission);
/// `security` permissions that change SELinux itself.
[[nodiscard]] bool is_security_change(std::string_view permission);
/// Permissions that modify, relabel or execute an object (write, create,
/// unlink, setattr, relabelto, execute, entrypoint, ...).
[[nodiscard]] bool is_changing_permission(std::string_view permission);
/// Classes whose objects are files in the file system (file, dir, lnk_file, ...).
[[nodiscard]] bool is_file_class(std::string_view tclass);

}  // namespace avcsift::explain
