#pragma once
/// Finds and loads the policy that explains denials.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "avcsift/model/diagnostics.hpp"

namespace avcsift::policy { class Policy; }

namespace avcsift::cli {

/// The binary policy to use when the user named none: the loaded one
/// (`/sys/fs/selinux/policy`) when readable, else the newest `policy.N` of the
/// SELINUXTYPE named in `/etc/selinux/config`; nullopt when neither exists.
/// `root` replaces `/` (for tests).
[[nodiscard]] std::optional<std::filesystem::path> find_system_policy(
    const std::filesystem::path& root = "/");

/// How the user chose the policy on the command line.
struct PolicyChoice {
  std::optional<std::string> path;  ///< `-p FILE`
  bool none = false;                ///< `--no-policy`
};

/// Loads the chosen policy. A policy named with -p that cannot be read is a
/// fatal avcsift::Error; a system policy that cannot be read is a warning.
/// Without a policy (unless --no-policy asked for none), says so once on `diagnostics` and returns null, so the
/// run goes on with reasons unknown.
[[nodiscard]] std::unique_ptr<policy::Policy> load_policy(const PolicyChoice& choice,
                                                          Diagnostics& diagnostics);

}  // namespace avcsift::cli
