// avcsift allow -R: interface calls from a small header tree written per test.
#include <catch2/catch.hpp>

#include <filesystem>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

using namespace avcsift::test;

namespace {

/// Headers with one interface that covers plone's reads of /etc and one
/// that would grant more, and a permission map that makes writing dear.
struct Headers {
  Headers() {
    std::filesystem::create_directories(dir.path() / "include/support");
    std::filesystem::create_directories(dir.path() / "include/kernel");
    dir.write("include/support/obj_perm_sets.spt", "define(`read_file_perms',`{ getattr open read }')\n");
    dir.write("include/kernel/files.if",
              "## <summary>Files.</summary>\n"
              "interface(`files_read_etc_files',`\n\tgen_require(`\n\t\ttype etc_t;\n\t')\n"
              "\tallow $1 etc_t:file { read_file_perms write };\n')\n"
              "interface(`files_manage_etc_files',`\n\tallow $1 etc_t:file { read_file_perms write unlink };\n"
              "\tfiles_read_etc_files($1)\n')\n"
              "interface(`files_read_usr_files',`\n\tallow $1 usr_t:dir { read search };\n"
              "\tallow $1 usr_t:file read_file_perms;\n')\n");
    perm_map = dir.write("perm_map", "class file 5\n read r 10\n getattr r 7\n open r 1\n write w 10\n unlink w 1\n"
                                     "class dir 2\n read r 10\n search r 1\n");
  }
  [[nodiscard]] std::vector<std::string> args(std::vector<std::string> extra = {}) const {
    std::vector<std::string> all{"allow", "-R", "--no-policy", "--include-dir", (dir.path() / "include").string(),
                                 "--perm-map", perm_map.string(), "--cache-dir", (dir.path() / "cache").string()};
    all.insert(all.end(), extra.begin(), extra.end());
    all.push_back(testdata("audit-logs/plone-cycle-1.log").string());
    return all;
  }
  TempDir dir;
  std::filesystem::path perm_map;
};

}  // namespace

TEST_CASE("allow -R calls interfaces where they cover a rule and keeps raw rules elsewhere") {
  const Headers headers;
  const auto result = run_avcsift(headers.args());
  INFO(result.err);
  REQUIRE(result.status == 0);
  CHECK(result.out.find("\n#============= plone_t ==============\n") != std::string::npos);
  CHECK(result.out.find("files_read_etc_files(plone_t)\n") != std::string::npos);
  CHECK(result.out.find("files_read_usr_files(plone_t)\n") != std::string::npos);
  CHECK(result.out.find("files_manage_etc_files") == std::string::npos);
  CHECK(result.out.find("allow plone_t etc_t:file") == std::string::npos);
  CHECK(result.out.find("allow plone_t http_port_t:tcp_socket name_bind;\n") != std::string::npos);
  // The require block names the raw rules' types and the arguments; an
  // interface requires its own types.
  CHECK(result.out.find("\ttype http_port_t;\n") != std::string::npos);
  CHECK(result.out.find("\ttype plone_t;\n") != std::string::npos);
  CHECK(result.out.find("\ttype etc_t;\n") == std::string::npos);
}

TEST_CASE("allow -R -m writes a refpolicy module header") {
  const Headers headers;
  const auto result = run_avcsift(headers.args({"-m", "plone"}));
  REQUIRE(result.status == 0);
  CHECK(result.out.starts_with("\npolicy_module(plone, 1.0)\n\nrequire {\n"));
}

TEST_CASE("allow -R -v explains each call with what it covers, its score and the alternatives") {
  const Headers headers;
  const auto result = run_avcsift(headers.args({"-v"}));
  REQUIRE(result.status == 0);
  CHECK(result.out.find("# covers plone_t etc_t:file { getattr read write } (score 1)\n#  ") != std::string::npos);
  CHECK(result.out.find(" denials, comm ") != std::string::npos);
  CHECK(result.out.find("#  alternatives: files_manage_etc_files(plone_t) [2]\n"
                        "files_read_etc_files(plone_t)\n") != std::string::npos);
  CHECK(result.out.find("# no interface covers this access\nallow plone_t http_port_t:tcp_socket name_bind;\n") !=
        std::string::npos);
  CHECK(result.err.find("avcsift: info: 3 interfaces and 0 templates from 1 files, parsed in ") != std::string::npos);
}

TEST_CASE("the second allow -R run reads the interface cache") {
  const Headers headers;
  REQUIRE(run_avcsift(headers.args()).status == 0);
  const auto result = run_avcsift(headers.args({"-v"}));
  CHECK(result.err.find("from the cache " + (headers.dir.path() / "cache").string()) != std::string::npos);
}

TEST_CASE("an interface file that does not parse is skipped with a note") {
  const Headers headers;
  headers.dir.write("include/kernel/broken.if", "interface(`broken',`allow $1 x_t:file read;\n");
  const auto result = run_avcsift(headers.args());
  CHECK(result.status == 0);
  CHECK(result.err.find("avcsift: info: 1 interface files under " + (headers.dir.path() / "include").string() +
                        " could not be read and were skipped (-v lists them)\n") != std::string::npos);
  CHECK(result.out.find("files_read_etc_files(plone_t)\n") != std::string::npos);
}

TEST_CASE("an include directory without interface files is an error") {
  const TempDir empty;
  const auto result = run_avcsift({"allow", "-R", "--no-policy", "--include-dir", empty.path().string(),
                                   "--no-cache", testdata("audit-logs/plone-cycle-1.log").string()});
  CHECK(result.status == 1);
  CHECK(result.err == "avcsift: error: " + empty.path().string() +
                          ": no interface files (*.if) found; install selinux-policy-dev or name the headers with "
                          "--include-dir\n");
}

TEST_CASE("the options of -R without -R are usage errors") {
  const auto result = run_avcsift({"allow", "--perm-map", "x", "--no-policy"});
  CHECK(result.status == 2);
  CHECK(result.err == "avcsift: error: --include-dir, --interface-info, --perm-map, --cache-dir, --no-cache, "
                      "--one-parameter and -v need -R\n");
}

TEST_CASE("allow -R with --cil is a usage error") {
  const auto result = run_avcsift({"allow", "-R", "--cil", "--no-policy"});
  CHECK(result.status == 2);
  CHECK(result.err == "avcsift: error: -R writes reference policy source, which has no CIL form; drop --cil\n");
}

TEST_CASE("allow -R -M builds the package with the devel Makefile") {
  if (!std::filesystem::exists("/usr/share/selinux/devel/Makefile") || !have_tool("make")) {
    avcsift::test::skip_test("/usr/share/selinux/devel/Makefile or make is missing (selinux-policy-dev, make)");
  }
  // Debian's real headers: the module must call interfaces they define.
  const TempDir work;
  const auto result = run_avcsift({"allow", "-R", "-M", "plonelocal", "--no-policy", "--cache-dir",
                                   (work.path() / "cache").string(), testdata("audit-logs/plone-cycle-1.log").string()},
                                  "", work.path());
  INFO(result.err);
  CHECK(result.status == 0);
  CHECK(std::filesystem::exists(work.path() / "plonelocal.pp"));
  CHECK(read_file(work.path() / "plonelocal.te").starts_with("\npolicy_module(plonelocal, 1.0)\n"));
}

TEST_CASE("allow -R --interface-info chooses among sepolgen-ifgen's interfaces") {
  const Headers headers;
  const auto info = headers.dir.write("interface_info", "[InterfaceVector files_read_etc_files $1:source ]\n"
                                                        "$1,etc_t,file,getattr,open,read,write\n");
  const auto result = run_avcsift({"allow", "-R", "--no-policy", "--interface-info", info.string(), "--perm-map",
                                   headers.perm_map.string(),
                                   testdata("audit-logs/plone-cycle-1.log").string()});
  CHECK(result.status == 0);
  CHECK(result.out.find("files_read_etc_files(plone_t)\n") != std::string::npos);
  CHECK(result.out.find("allow plone_t usr_t:file { getattr read };\n") != std::string::npos);
}

TEST_CASE("allow -R with a malformed permission map names the file and line") {
  const Headers headers;
  const auto map = headers.dir.write("bad_map", "class file 1\n read q 10\n");
  auto args = headers.args();
  args[6] = map.string();
  const auto result = run_avcsift(args);
  CHECK(result.status == 1);
  CHECK(result.err == "avcsift: error: " + map.string() + ":2: direction 'q' is not r, w, b or n\n");
}
