#include "avcsift/cli/policy_loader.hpp"

#include <unistd.h>

#include <fstream>

#include "avcsift/model/error.hpp"

namespace avcsift::cli {
namespace fs = std::filesystem;

namespace {

/// SELINUXTYPE= from an selinux config file, or empty.
std::string configured_policy_type(const fs::path& config) {
  std::ifstream in(config);
  std::string line;
  std::string type;
  while (std::getline(in, line)) {
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line.compare(start, 12, "SELINUXTYPE=") != 0) continue;
    type = line.substr(start + 12);
    type.erase(type.find_last_not_of(" \t\r") + 1);
  }
  // The type names a directory: refuse anything that could leave it.
  if (type.find('/') != std::string::npos || type == "." || type == "..") return {};
  return type;
}

}  // namespace

std::optional<fs::path> find_system_policy(const fs::path& root) {
  const fs::path loaded = root / "sys/fs/selinux/policy";
  if (::access(loaded.c_str(), R_OK) == 0) return loaded;
  const std::string type = configured_policy_type(root / "etc/selinux/config");
  if (type.empty()) return std::nullopt;
  std::error_code error;
  std::optional<fs::path> newest;
  int newest_version = -1;
  for (const auto& entry : fs::directory_iterator(root / "etc/selinux" / type / "policy", error)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("policy.")) continue;
    const std::string digits = name.substr(7);
    if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const int version = std::stoi(digits);
    if (version > newest_version) {
      newest_version = version;
      newest = entry.path();
    }
  }
  return newest;
}

}  // namespace avcsift::cli
