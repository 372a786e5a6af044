#pragma once
/// What label a path should have according to the policy's file_contexts.
///
/// A denial on a file often does not mean the domain lacks a rule: the file
/// has the wrong label (it was moved with `mv`, created before the module
/// was loaded, or an fcontext pattern missed it). The cure is `restorecon`,
/// not an allow rule, and an allow rule would grant the domain every other
/// file that carries the same wrong label. The policy's file_contexts say
/// what `restorecon` would set; when they disagree with the label in the
/// log, the file is mislabeled.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace avcsift::explain {

/// Looks up the type a path should have.
class FileLabels {
 public:
  virtual ~FileLabels() = default;
  /// The type file_contexts give `path` (any file mode), or nullopt when no
  /// entry matches or it says `<<none>>`.
  [[nodiscard]] virtual std::optional<std::string> expected_type(std::string_view path) const = 0;
};

/// Opens a file_contexts file with libselinux (`selabel_open` with
/// SELABEL_CTX_FILE and SELABEL_OPT_PATH): libselinux reads its `.homedirs`
/// and `.local` companions with it, and the compiled `.bin` form of each when
/// that is at least as new; null when neither `file` nor `file.bin` exists
/// or libselinux cannot read them.
[[nodiscard]] std::unique_ptr<FileLabels> open_file_contexts(const std::filesystem::path& file);

/// The files `open_file_contexts(file)` reads: `file` itself, then
/// `file.homedirs` and `file.local` when they (or their `.bin`) exist.
[[nodiscard]] std::vector<std::filesystem::path> file_contexts_series(const std::filesystem::path& file);

/// The file_contexts that belong to a binary policy: for
/// `/etc/selinux/T/policy/policy.N`, `/etc/selinux/T/contexts/files/file_contexts`.
/// nullopt when that file does not exist.
[[nodiscard]] std::optional<std::filesystem::path> file_contexts_for_policy(
    const std::filesystem::path& policy);

}  // namespace avcsift::explain
