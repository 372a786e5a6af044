// PermissionMap: sepolgen's map format and the built-in fallback.
#include <catch2/catch.hpp>

#include <filesystem>

#include "avcsift/model/error.hpp"
#include "avcsift/refpolicy/permission_map.hpp"
#include "skip_test.hpp"

using avcsift::refpolicy::PermissionMap;

TEST_CASE("weights and directions are read per class and permission") {
  const auto map = PermissionMap::parse("# comment\n2\nclass file 3\n  read r 10\n  write w 10\n  ioctl n 1\n"
                                        "class dir 1\n  search r 1\n",
                                        "map");
  CHECK(map.class_count() == 2);
  CHECK(map.weight("file", {"read", "ioctl"}) == 11);
  CHECK(map.writes("file", {"write"}));
  CHECK_FALSE(map.writes("file", {"read", "ioctl"}));
  CHECK(map.weight("dir", {"search"}) == 1);
}

TEST_CASE("unmapped permissions weigh 5 and flow both ways") {
  const auto map = PermissionMap::parse("class file 1\n read r 10\n", "map");
  CHECK(map.weight("file", {"frobnicate"}) == 5);
  CHECK(map.writes("socket", {"read"}));
}

TEST_CASE("malformed map lines are errors naming the file and line") {
  CHECK_THROWS_WITH(PermissionMap::parse("read r 10\n", "map"), "map:1: permission before the first class line");
  CHECK_THROWS_WITH(PermissionMap::parse("class file 1\n read x 10\n", "map"),
                    "map:2: direction 'x' is not r, w, b or n");
  CHECK_THROWS_WITH(PermissionMap::parse("class file 1\n read r ten\n", "map"), "map:2: weight 'ten' is not a number");
  CHECK_THROWS_WITH(PermissionMap::parse("class a 0\nclass a 0\n", "map"), "map:2: class 'a' is mapped twice");
}

TEST_CASE("the built-in map weighs metadata lightly and content heavily") {
  const auto map = PermissionMap::built_in();
  CHECK(map.weight("file", {"search"}) < map.weight("file", {"read"}));
  CHECK(map.writes("file", {"write"}));
  CHECK_FALSE(map.writes("file", {"read"}));
}

TEST_CASE("the shared corpus permission map reads") {
  const std::filesystem::path path = std::string(AVCSIFT_SHARED_DIR) + "/corpus/policy/sepolgen-perm_map.txt";
  if (!std::filesystem::exists(path)) {
    avcsift::test::skip_test("reference corpus not found under " AVCSIFT_SHARED_DIR " (set -DAVCSIFT_SHARED_DIR)");
  }
  const auto map = PermissionMap::read_file(path);
  CHECK(map.class_count() == 58);
  CHECK(map.weight("file", {"read"}) == 10);
}
