#pragma once
/// Builds a loadable policy package (`NAME.pp`) from module source with the
/// SELinux toolchain, as `audit2allow -M` does:
///
///   checkmodule -M -m -o NAME.mod NAME.te
///   semodule_package -o NAME.pp -m NAME.mod
///
/// The tools run without a shell (posix_spawnp, so PATH decides which), with
/// their output captured for the error message.
#include <filesystem>
#include <string>
#include <vector>

namespace avcsift::cli {

/// What one run of an external tool printed and returned.
struct ToolRun {
  int status = -1;     ///< exit status; 127 when the tool could not be started.
  std::string output;  ///< its standard output and error, interleaved.
};

/// Runs `argv` (argv[0] looked up in PATH) and waits for it. Throws
/// avcsift::Error when the program cannot be found or started, naming the
/// Debian package that provides it when known.
ToolRun run_tool(const std::vector<std::string>& argv);

/// Compiles `te_text` (a whole module named `name`) into a policy package
/// and returns its bytes (what NAME.pp holds), for the caller to put in place
/// together with NAME.te. The tools work in a temporary directory under
/// `directory` that is removed again. Throws avcsift::Error with the tool's
/// own message when a tool is missing or fails.
std::string build_policy_package(const std::string& te_text, const std::string& name,
                                 const std::filesystem::path& directory);

/// Debian's selinux-policy-dev Makefile for refpolicy modules.
inline constexpr const char* kDevelMakefile = "/usr/share/selinux/devel/Makefile";

/// As build_policy_package, for a refpolicy module (`policy_module(NAME, V)`
/// and interface calls, `allow -R -M`): `make -f MAKEFILE NAME.pp` in the
/// temporary directory, which runs m4 with the interface headers first.
std::string build_refpolicy_package(const std::string& te_text, const std::string& name,
                                    const std::filesystem::path& directory,
                                    const std::filesystem::path& makefile = kDevelMakefile);

}  // namespace avcsift::cli
