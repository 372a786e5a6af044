// SourceLocation::str: how diagnostics name a place in the input.
#include <catch2/catch.hpp>

#include "avcsift/model/source_location.hpp"

using avcsift::SourceLocation;

TEST_CASE("a location with a line prints as input:line") {
  CHECK(SourceLocation{"audit.log", 1234}.str() == "audit.log:1234");
  CHECK(SourceLocation{"<stdin>", 1}.str() == "<stdin>:1");
}

TEST_CASE("a location with line 0 prints only the input") {
  CHECK(SourceLocation{"audit.log", 0}.str() == "audit.log");
}
