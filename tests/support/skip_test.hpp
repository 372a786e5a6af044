#pragma once
// A test that cannot run here (no ../shared corpus, a missing tool, the wrong
// user) must show as skipped in ctest's summary, never as passed. Catch2 2.13
// has no skip, and ctest runs each discovered test case in its own process, so
// the test ends that process with kSkipExitCode, which every test registration
// declares as its SKIP_RETURN_CODE.
#include <string_view>

namespace avcsift::test {

/// The exit status ctest reads as "skipped" (SKIP_RETURN_CODE of every test).
inline constexpr int kSkipExitCode = 77;

/// Prints "SKIPPED: <why>" and ends the test process with kSkipExitCode.
[[noreturn]] void skip_test(std::string_view why);

}  // namespace avcsift::test
