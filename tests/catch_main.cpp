// The Catch2 test runner's main(), in its own translation unit so the heavy
// header is compiled once for every unit test binary.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
