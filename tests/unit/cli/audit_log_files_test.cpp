// audit2allow -a/-b: the audit logs of a directory, oldest first.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "avcsift/cli/compat.hpp"

TEST_CASE("audit logs are listed oldest first even with a rotation number too long for a long") {
  std::string pattern = (std::filesystem::temp_directory_path() / "avcsift-logs-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  const std::filesystem::path dir = pattern;
  const std::vector<std::string> names{"audit.log", "audit.log.2", "audit.log.10.gz",
                                       "audit.log.99999999999999999999999", "audit.log.x"};
  for (const auto& name : names) std::ofstream(dir / name) << "";
  std::vector<std::string> found;
  for (const auto& path : avcsift::cli::audit_log_files(dir.string())) {
    found.push_back(std::filesystem::path(path).filename().string());
  }
  std::filesystem::remove_all(dir);
  CHECK(found == std::vector<std::string>{"audit.log.99999999999999999999999", "audit.log.10.gz", "audit.log.2",
                                          "audit.log"});
}
