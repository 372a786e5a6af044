#pragma once
/// Opens the file_contexts that `report`, `watch` and `merge` check labels
/// against, so restorecon/fcontext advice is the same in all three.
#include <memory>
#include <optional>
#include <string>

#include "avcsift/cli/policy_loader.hpp"
#include "avcsift/explain/file_labels.hpp"
#include "avcsift/model/diagnostics.hpp"

namespace avcsift::cli {

/// The file_contexts named by `explicit_file` (`--file-contexts`), else the
/// one beside the policy `policy` names (`-p`), else the system's; null
/// without one (or with --no-policy and no `--file-contexts`). `used` gets
/// the path opened. Throws avcsift::Error when an explicitly named file
/// cannot be read; warns and returns null when a found one cannot.
[[nodiscard]] std::unique_ptr<explain::FileLabels> open_file_labels(const std::optional<std::string>& explicit_file,
                                                                    const PolicyChoice& policy, std::string& used,
                                                                    Diagnostics& diagnostics);

}  // namespace avcsift::cli
