// read_sepolgen_interface_info: sepolgen-ifgen's output as a database.
#include <catch2/catch.hpp>

#include <sstream>

#include "avcsift/refpolicy/sepolgen_interface_info.hpp"

using avcsift::refpolicy::ParamKind;
using avcsift::refpolicy::read_sepolgen_interface_info;

TEST_CASE("interface vectors and their parameters are read") {
  std::istringstream in(
      "[InterfaceVector files_read_etc_files $1:source ]\n$1,etc_t,file,getattr,read\n$1,etc_t,dir,search\n"
      "[InterfaceVector run_foo $1:source $2:role ]\n$1,foo_t,process,transition\n");
  const auto database = read_sepolgen_interface_info(in, "interface_info");
  REQUIRE(database.interfaces().size() == 2);
  const auto* read = database.find("files_read_etc_files");
  REQUIRE(read != nullptr);
  CHECK(read->rules.size() == 2);
  CHECK(read->callable());
  CHECK_FALSE(database.find("run_foo")->callable());
  CHECK(database.find("run_foo")->params == std::vector<ParamKind>{ParamKind::Source, ParamKind::Other});
}

TEST_CASE("lines that are not interface information are errors") {
  std::istringstream rule_first("$1,etc_t,file,read\n");
  CHECK_THROWS_WITH(read_sepolgen_interface_info(rule_first, "info"), "info:1: expected 'SOURCE,TARGET,CLASS,PERM...'");
  std::istringstream bad("[Something x]\n");
  CHECK_THROWS_WITH(read_sepolgen_interface_info(bad, "info"), "info:1: expected '[InterfaceVector NAME $N:KIND ... ]'");
}
