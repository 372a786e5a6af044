// The only file of explain/ that talks to libselinux.
#include "avcsift/explain/file_labels.hpp"

#include <selinux/label.h>
#include <selinux/selinux.h>
#include <sys/stat.h>

namespace avcsift::explain {
namespace {

/// A selabel handle on one file_contexts file.
class SelabelFileLabels final : public FileLabels {
 public:
  explicit SelabelFileLabels(selabel_handle* handle) : handle_(handle) {}
  ~SelabelFileLabels() override { selabel_close(handle_); }
  SelabelFileLabels(const SelabelFileLabels&) = delete;
  SelabelFileLabels& operator=(const SelabelFileLabels&) = delete;

  std::optional<std::string> expected_type(std::string_view path) const override {
    const std::string key(path);
    char* context = nullptr;
    // Mode 0 matches entries for any file type, as restorecon does when it
    // does not know the mode.
    if (selabel_lookup_raw(handle_, &context, key.c_str(), 0) != 0 || context == nullptr) return std::nullopt;
    const std::string text(context);
    freecon(context);
    // user:role:type[:level]
    const auto first = text.find(':');
    const auto second = first == std::string::npos ? first : text.find(':', first + 1);
    if (second == std::string::npos) return std::nullopt;
    const auto third = text.find(':', second + 1);
    std::string type = text.substr(second + 1, third == std::string::npos ? std::string::npos : third - second - 1);
    if (type.empty() || type == "<<none>>") return std::nullopt;
    return type;
  }

 private:
  selabel_handle* handle_;
};

}  // namespace

namespace {

/// True when libselinux would find `path` or its compiled `path.bin`.
bool text_or_compiled(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error) ||
         std::filesystem::is_regular_file(path.string() + ".bin", error);
}

}  // namespace

std::vector<std::filesystem::path> file_contexts_series(const std::filesystem::path& file) {
  // libselinux's file backend (label_file.c, init() and open_file()): with
  // SELABEL_OPT_PATH=F and without SELABEL_OPT_BASEONLY it reads F, then
  // F.homedirs and F.local when they exist; for each of them it takes
  // F[.suffix].bin instead when that is at least as new as the text (or the
  // only one there). Nothing has to be passed for the companions.
  std::vector<std::filesystem::path> series;
  for (const char* suffix : {"", ".homedirs", ".local"}) {
    const std::filesystem::path part = file.string() + suffix;
    if (text_or_compiled(part)) series.push_back(part);
  }
  return series;
}

std::unique_ptr<FileLabels> open_file_contexts(const std::filesystem::path& file) {
  // selabel_open would also accept a directory or a missing base with only
  // companions; insist on the base (text or compiled) the user meant.
  if (!text_or_compiled(file)) return nullptr;
  const std::string path = file.string();
  selinux_opt options[] = {{SELABEL_OPT_PATH, path.c_str()}};
  selabel_handle* handle = selabel_open(SELABEL_CTX_FILE, options, 1);
  if (handle == nullptr) return nullptr;
  return std::make_unique<SelabelFileLabels>(handle);
}

std::optional<std::filesystem::path> file_contexts_for_policy(const std::filesystem::path& policy) {
  // .../T/policy/policy.N -> .../T/contexts/files/file_contexts
  const auto policy_dir = policy.parent_path();
  if (policy_dir.filename() != "policy") return std::nullopt;
  const auto candidate = policy_dir.parent_path() / "contexts" / "files" / "file_contexts";
  if (!text_or_compiled(candidate)) return std::nullopt;
  return candidate;
}

}  // namespace avcsift::explain
