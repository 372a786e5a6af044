#include "avcsift/refpolicy/header_reader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "avcsift/model/error.hpp"
#include "avcsift/refpolicy/macro_expander.hpp"
#include "avcsift/refpolicy/statement_reader.hpp"

namespace avcsift::refpolicy {
namespace fs = std::filesystem;
namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MacroError("cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The symbols the refpolicy build defines for m4 from build.conf
/// (`DISTRO ?= debian` -> distro_debian, `TYPE ?= mcs` -> enable_mcs, ...),
/// so `ifdef` picks the branches Debian's modules are built with.
void add_build_symbols(const fs::path& build_conf, MacroTable& table) {
  std::ifstream in(build_conf);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string key, op, value;
    if (!(words >> key >> op >> value) || key.starts_with('#')) continue;
    if (key == "DISTRO") table.symbols.insert("distro_" + value);
    if (key == "TYPE" && value == "mcs") table.symbols.insert("enable_mcs");
    if (key == "TYPE" && value == "mls") table.symbols.insert("enable_mls");
    if (key == "DIRECT_INITRC" && value == "y") table.symbols.insert("direct_sysadm_daemon");
    if (key == "SYSTEMD" && value == "y") table.symbols.insert("init_systemd");
    if (key == "UBAC" && value == "y") table.symbols.insert("enable_ubac");
  }
}

}  // namespace

std::vector<fs::path> header_files(const fs::path& include_dir) {
  std::vector<fs::path> files;
  std::error_code error;
  for (fs::recursive_directory_iterator it(include_dir, error), end; !error && it != end; it.increment(error)) {
    const fs::path& path = it->path();
    const auto extension = path.extension();
    const bool support = path.parent_path().filename() == "support" && extension == ".spt";
    if (extension == ".if" || support || path.filename() == "build.conf") files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<ParsedInterface> read_headers(const fs::path& include_dir, HeaderStats& stats) {
  const auto files = header_files(include_dir);
  if (std::none_of(files.begin(), files.end(), [](const fs::path& p) { return p.extension() == ".if"; })) {
    throw Error(include_dir.string() + ": no interface files (*.if) found; install selinux-policy-dev or "
                                       "name the headers with --include-dir");
  }
  MacroTable table;
  // 1. The support macros and build settings, before any interface uses them.
  for (const auto& path : files) {
    if (path.filename() == "build.conf") add_build_symbols(path, table);
    if (path.extension() != ".spt") continue;
    try {
      MacroExpander expander(table);
      (void)expander.expand(read_text(path));
    } catch (const MacroError& error) {
      stats.problems.push_back(path.string() + ": " + error.what() + "; its macros are partly missing");
    }
  }
  // 2. Every interface file; a file that does not parse is skipped as a whole.
  std::vector<ParsedInterface> parsed;
  for (const auto& path : files) {
    if (path.extension() != ".if") continue;
    const std::string relative = path.lexically_relative(include_dir).string();
    std::vector<Definition> definitions;
    try {
      MacroExpander expander(table);
      (void)expander.expand(read_text(path));
      definitions = std::move(expander.definitions());
    } catch (const MacroError& error) {
      ++stats.files_skipped;
      stats.problems.push_back(relative + ": " + error.what() + "; file skipped");
      continue;
    }
    ++stats.files_read;
    // 3. Each body, expanded with the support macros, read as statements.
    for (auto& definition : definitions) {
      ParsedInterface one;
      one.name = definition.name;
      one.file = relative;
      one.is_template = definition.kind == DefinitionKind::Template;
      try {
        MacroExpander expander(table);
        read_statements(expander.expand(definition.body), one);
      } catch (const MacroError& error) {
        stats.problems.push_back(relative + ": " + definition.name + ": " + error.what() + "; skipped");
        continue;
      }
      ++(one.is_template ? stats.templates : stats.interfaces);
      parsed.push_back(std::move(one));
    }
  }
  return parsed;
}

}  // namespace avcsift::refpolicy
