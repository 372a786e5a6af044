#include "avcsift/cli/file_labels_loader.hpp"

#include <filesystem>

#include "avcsift/model/error.hpp"
#include "avcsift/model/identifier.hpp"

namespace avcsift::cli {

std::unique_ptr<explain::FileLabels> open_file_labels(const std::optional<std::string>& explicit_file,
                                                      const PolicyChoice& policy, std::string& used,
                                                      Diagnostics& diagnostics) {
  std::optional<std::filesystem::path> file;
  if (explicit_file) {
    file = *explicit_file;
  } else if (policy.path) {
    file = explain::file_contexts_for_policy(*policy.path);
  } else if (!policy.none) {
    if (const auto system = find_system_policy()) {
      file = explain::file_contexts_for_policy(*system);
      if (!file) {
        // The loaded policy (/sys/fs/selinux/policy) has no directory of its own.
        std::error_code error;
        const std::filesystem::path fallback = "/etc/selinux/default/contexts/files/file_contexts";
        if (std::filesystem::is_regular_file(fallback, error)) file = fallback;
      }
    }
  }
  if (!file) return nullptr;
  auto labels = explain::open_file_contexts(*file);
  if (!labels) {
    if (explicit_file) throw Error("cannot read file_contexts '" + escape_for_comment(file->string()) + "'");
    diagnostics.warn("cannot read file_contexts '" + escape_for_comment(file->string()) + "'; labels are not checked");
    return nullptr;
  }
  used = file->string();
  return labels;
}

}  // namespace avcsift::cli
