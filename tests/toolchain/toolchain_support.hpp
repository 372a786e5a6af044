#pragma once
// A temporary SELinux policy store for the toolchain tests, and the reasons
// `avcsift why --format json` gives per distinct denial.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "run_avcsift.hpp"

namespace avcsift::test {

/// Why the toolchain tests cannot run here (not root, no policy store, a
/// tool missing), or empty when they can.
std::string toolchain_skip_reason();

/// A copy of /var/lib/selinux/default and /etc/selinux/{config,semanage.conf,
/// default} under a temporary root, for `semodule -p ROOT`.
class TempStore {
 public:
  TempStore();
  /// The binary policy semodule writes (ROOT/etc/selinux/default/policy/policy.33).
  [[nodiscard]] std::filesystem::path policy() const;
  /// `semodule -p ROOT -n -i M...` in one transaction; adds its time to seconds_.
  RunResult install(const std::vector<std::filesystem::path>& modules);
  /// Seconds spent in semodule so far.
  [[nodiscard]] double install_seconds() const { return seconds_; }

 private:
  TempDir dir_;
  double seconds_ = 0;
};

/// The reason `why` gives a denial (TERULE, BOOLEAN, ...); for NOTINPOLICY,
/// `installable` tells whether only a user, role or level is undefined (then
/// allow writes a real rule, not a comment, and installing it allows the access).
struct WhyReason {
  std::string reason;
  bool installable = true;
};

/// A corpus log and the module name made from its file name.
struct CorpusLog {
  std::filesystem::path log;
  std::string module;  ///< `prefix` + the file's stem with non-alphanumerics as '_'.
};

/// The logs of the shared corpus, sorted; empty when the corpus is absent.
std::vector<CorpusLog> corpus_logs(const std::string& prefix);

/// `scontext tcontext class perms` -> its reason, for every distinct denial
/// of `log` under `policy`.
std::map<std::string, WhyReason> why_reasons(const std::filesystem::path& policy,
                                               const std::filesystem::path& log);

}  // namespace avcsift::test
