#include "skip_test.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace avcsift::test {

void skip_test(std::string_view why) {
  std::cout << "SKIPPED: " << why << std::endl;
  std::cerr.flush();
  // _Exit: Catch2's reporters would otherwise print a summary of a run that
  // never finished; nothing the test holds needs a destructor to run.
  std::_Exit(kSkipExitCode);
}

}  // namespace avcsift::test
