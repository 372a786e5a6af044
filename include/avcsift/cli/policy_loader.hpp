#pragma once
/// Finds the policy that explains denials (BackgroundPolicy loads it).
#include <filesystem>
#include <optional>
#include <string>

#include "avcsift/model/diagnostics.hpp"

namespace avcsift::cli {

/// The binary policy to use when the user named none: the loaded one
/// (`/sys/fs/selinux/policy`) when readable, else the newest `policy.N` of the
/// SELINUXTYPE named in `/etc/selinux/config`; nullopt when neither exists.
/// `root` replaces `/` (for tests).
[[nodiscard]] std::optional<std::filesystem::path> find_system_policy(
    const std::filesystem::path& root = "/");

/// Said once when a run has no policy to explain the denials with.
inline constexpr const char* kNoPolicyNote = "no policy loaded: reasons are unknown (name one with -p POLICY)";

/// How the user chose the policy on the command line.
struct PolicyChoice {
  std::optional<std::string> path;  ///< `-p FILE`
  bool none = false;                ///< `--no-policy`
  bool no_cache = false;            ///< `--no-policy-cache`
};

}  // namespace avcsift::cli
