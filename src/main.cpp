// avcsift's entry point: everything happens in the library (cli::run_app), so
// tests and fuzzers drive the same code without argv.
#include <iostream>
#include <string>
#include <vector>

#include "avcsift/cli/app.hpp"
#include "avcsift/cli/background_policy.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  // std::cerr is tied to std::cout: every write to it would first flush
  // std::cout, from whichever thread writes it (the progress meter on the
  // reading thread, a warning while the policy loads), while `why` writes its
  // explanations into std::cout from EventReader's worker. Two threads on one
  // stream buffer duplicated and cut lines of the product; untied, each
  // stream has one writer at a time (stderr's writers share Diagnostics' lock).
  std::cerr.tie(nullptr);
  avcsift::cli::BackgroundPolicy::leave_to_process_exit();
  const std::vector<std::string> args(argv + 1, argv + argc);
  return avcsift::cli::run_program(argc > 0 ? argv[0] : "avcsift", args, std::cout, std::cerr);
}
