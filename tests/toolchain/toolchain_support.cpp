#include "toolchain_support.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

namespace avcsift::test {
namespace {

const std::filesystem::path kStore = "/var/lib/selinux/default";

}  // namespace

std::string toolchain_skip_reason() {
  if (::geteuid() != 0) return "not root: semodule needs root even for a temporary store";
  if (!std::filesystem::is_directory(kStore)) {
    return kStore.string() + " is absent (install selinux-policy-default)";
  }
  for (const char* tool : {"checkmodule", "semodule_package", "semodule", "secilc"}) {
    if (run_command("/bin/sh", {"-c", std::string("command -v ") + tool}).status != 0) {
      return std::string(tool) + " is not installed (checkpolicy, semodule-utils, policycoreutils, secilc)";
    }
  }
  return {};
}

TempStore::TempStore() {
  const auto root = dir_.path();
  std::filesystem::create_directories(root / "var/lib/selinux");
  std::filesystem::create_directories(root / "etc/selinux");
  using std::filesystem::copy_options;
  std::filesystem::copy(kStore, root / "var/lib/selinux/default", copy_options::recursive);
  std::filesystem::copy("/etc/selinux/default", root / "etc/selinux/default", copy_options::recursive);
  std::filesystem::copy("/etc/selinux/config", root / "etc/selinux/config");
  std::filesystem::copy("/etc/selinux/semanage.conf", root / "etc/selinux/semanage.conf");
}

std::filesystem::path TempStore::policy() const { return dir_.path() / "etc/selinux/default/policy/policy.33"; }

RunResult TempStore::install(const std::vector<std::filesystem::path>& modules) {
  std::vector<std::string> args = {"-p", dir_.path().string(), "-n"};
  for (const auto& module : modules) {
    args.push_back("-i");
    args.push_back(module.string());
  }
  const auto start = std::chrono::steady_clock::now();
  auto result = run_command("semodule", args);
  seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

std::map<std::string, WhyReason> why_reasons(const std::filesystem::path& policy,
                                               const std::filesystem::path& log) {
  const auto result = run_avcsift({"why", "-p", policy.string(), "--format", "json", log.string()});
  std::map<std::string, WhyReason> reasons;
  const auto document = nlohmann::json::parse(result.out);
  for (const auto& denial : document.at("denials")) {
    std::string key = denial.at("scontext").get<std::string>() + ' ' + denial.at("tcontext").get<std::string>() +
                      ' ' + denial.at("class").get<std::string>();
    for (const auto& perm : denial.at("permissions")) key += ' ' + perm.get<std::string>();
    WhyReason& why = reasons[key];
    why.reason = denial.at("reason").get<std::string>();
    for (const auto& name : denial.at("undefined_names")) {
      const auto text = name.get<std::string>();
      if (text.starts_with("type ") || text.starts_with("class ") || text.starts_with("permission ")) {
        why.installable = false;
      }
    }
  }
  return reasons;
}

std::vector<CorpusLog> corpus_logs(const std::string& prefix) {
  std::vector<CorpusLog> logs;
  const auto dir = shared_dir();
  if (dir.empty()) return logs;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "corpus/logs")) {
    if (entry.path().extension() != ".log") continue;
    std::string name = prefix;
    for (char c : entry.path().stem().string()) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    logs.push_back({entry.path(), name});
  }
  std::sort(logs.begin(), logs.end(), [](const auto& a, const auto& b) { return a.log < b.log; });
  return logs;
}

}  // namespace avcsift::test
