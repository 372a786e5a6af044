// The lists behind the suspicious-access checks. Add names here; nothing
// else needs to change. Keep each list sorted.
#include "avcsift/explain/type_catalogue.hpp"

#include <algorithm>
#include <array>

namespace avcsift::explain {
namespace {

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view name) {
  return std::binary_search(list.begin(), list.end(), name);
}

// Files of the operating system that no application should change.
constexpr std::array<std::string_view, 30> kSystemTypes = {
    "bin_t",          "boot_t",        "default_t",      "device_t",      "etc_runtime_t",
    "etc_t",          "file_t",        "home_root_t",    "init_exec_t",   "kernel_t",
    "ld_so_cache_t",  "ld_so_t",       "lib_t",          "locale_t",      "man_t",
    "modules_object_t", "net_conf_t",  "passwd_file_t",  "proc_t",        "root_t",
    "sbin_t",         "security_t",    "shell_exec_t",   "src_t",         "sysfs_t",
    "system_conf_t",  "systemd_unit_t", "unlabeled_t",   "usr_t",         "var_t",
};

// Where users and the system keep secrets.
constexpr std::array<std::string_view, 14> kSecretTypes = {
    "admin_home_t", "auth_cache_t",   "cert_t",       "gpg_secret_t",     "home_cert_t",
    "krb5_keytab_t", "shadow_t",      "ssh_home_t",   "ssh_keygen_exec_t", "sshd_key_t",
    "user_home_dir_t", "user_home_t", "user_tmp_t",   "xdm_home_t",
};

// Domains that are unconfined or belong to logged-in users.
constexpr std::array<std::string_view, 10> kUnconfinedDomains = {
    "initrc_t", "kernel_t", "staff_t", "sysadm_t", "unconfined_cronjob_t",
    "unconfined_service_t", "unconfined_t", "user_t", "xguest_t", "guest_t",
};

constexpr std::array<std::string_view, 3> kGenericLabels = {"default_t", "file_t", "unlabeled_t"};

constexpr std::array<std::string_view, 16> kDangerousCapabilities = {
    "dac_override", "dac_read_search", "fowner",     "mac_admin",  "mac_override", "net_admin",
    "net_raw",      "setfcap",         "setgid",     "setpcap",    "setuid",       "sys_admin",
    "sys_module",   "sys_ptrace",      "sys_rawio",  "syslog",
};

constexpr std::array<std::string_view, 7> kDangerousProcess = {
    "dyntransition", "execheap", "execmem", "execmod", "execstack", "ptrace", "setcurrent",
};

constexpr std::array<std::string_view, 5> kSecurityChanges = {
    "load_policy", "setbool", "setcheckreqprot", "setenforce", "setsecparam",
};

constexpr std::array<std::string_view, 15> kChangingPermissions = {
    "append",    "create",     "entrypoint", "execute",  "execute_no_trans", "link",   "mounton",
    "relabelfrom", "relabelto", "rename",    "reparent", "rmdir",            "setattr", "unlink",
    "write",
};

constexpr std::array<std::string_view, 7> kFileClasses = {
    "blk_file", "chr_file", "dir", "fifo_file", "file", "lnk_file", "sock_file",
};

}  // namespace

bool is_system_type(std::string_view type) { return listed(kSystemTypes, type); }
bool is_secret_type(std::string_view type) { return listed(kSecretTypes, type); }
bool is_unconfined_domain(std::string_view type) {
  return std::find(kUnconfinedDomains.begin(), kUnconfinedDomains.end(), type) != kUnconfinedDomains.end();
}
bool is_generic_file_label(std::string_view type) { return listed(kGenericLabels, type); }
bool is_dangerous_capability(std::string_view permission) { return listed(kDangerousCapabilities, permission); }
bool is_dangerous_process_permission(std::string_view permission) {
  return listed(kDangerousProcess, permission);
}
bool is_security_change(std::string_view permission) { return listed(kSecurityChanges, permission); }
bool is_changing_permission(std::string_view permission) { return listed(kChangingPermissions, permission); }
bool is_file_class(std::string_view tclass) { return listed(kFileClasses, tclass); }

}  // namespace avcsift::explain
