// InputPump: watch's standard input read on a thread, bounded, settled on demand.
#include "avcsift/cli/input_pump.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <string>

using avcsift::cli::InputPump;
using avcsift::cli::PumpState;

namespace {

/// A pipe whose read end the pump reads; the test writes the other end.
struct Pipe {
  int read_end = -1, write_end = -1;
  Pipe() {
    int ends[2];
    REQUIRE(::pipe2(ends, O_CLOEXEC) == 0);
    read_end = ends[0];
    write_end = ends[1];
  }
  ~Pipe() {
    close_writer();
    ::close(read_end);
  }
  void write(const std::string& text) const {
    REQUIRE(::write(write_end, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  }
  void close_writer() {
    if (write_end >= 0) ::close(write_end);
    write_end = -1;
  }
};

/// Waits (at most 5 s) until the pump's descriptor says bytes or the end wait.
bool wait_ready(const InputPump& pump) {
  pollfd fd = {pump.fd(), POLLIN, 0};
  return ::poll(&fd, 1, 5000) == 1;
}

}  // namespace

TEST_CASE("InputPump hands on the bytes in order and then the end of the input") {
  Pipe pipe;
  InputPump pump(pipe.read_end);
  pipe.write("type=AVC one\n");
  pipe.write("type=AVC two\n");
  std::string taken;
  while (taken.size() < 26) {
    REQUIRE(wait_ready(pump));
    CHECK_FALSE(pump.take(taken).ended);
  }
  CHECK(taken == "type=AVC one\ntype=AVC two\n");
  pipe.close_writer();
  PumpState state;
  while (!state.ended) {
    REQUIRE(wait_ready(pump));
    state = pump.take(taken);
  }
  CHECK(state.error == 0);
  CHECK(taken == "type=AVC one\ntype=AVC two\n");
}

TEST_CASE("InputPump::settle returns once what the input held has been read") {
  Pipe pipe;
  InputPump pump(pipe.read_end);
  for (int round = 0; round < 50; ++round) {
    const std::string text = "record " + std::to_string(round) + "\n";
    pipe.write(text);
    pump.settle();
    std::string taken;
    pump.take(taken);
    // Without waiting for the descriptor: settle() alone made the bytes ready.
    CHECK(taken == text);
  }
}

TEST_CASE("InputPump stops reading at its bound until the bytes are taken") {
  Pipe pipe;
  REQUIRE(::fcntl(pipe.write_end, F_SETFL, O_NONBLOCK) == 0);
  InputPump pump(pipe.read_end, /*max_buffered=*/4096);
  // Fill the pipe while the pump holds its bound: writes end up refused.
  const std::string block(4096, 'x');
  std::size_t written = 0;
  for (int attempt = 0; attempt < 100000; ++attempt) {
    const ssize_t count = ::write(pipe.write_end, block.data(), block.size());
    if (count < 0) {
      REQUIRE(errno == EAGAIN);
      break;
    }
    written += static_cast<std::size_t>(count);
  }
  // A pipe holds 64 KiB; the pump took at most its bound and one read more.
  CHECK(written < (64u << 10) + 4096 + (64u << 10) + 1);
  pipe.close_writer();
  std::string taken;
  PumpState state;
  while (!state.ended) {
    REQUIRE(wait_ready(pump));
    state = pump.take(taken);
  }
  CHECK(taken.size() == written);
}

TEST_CASE("InputPump stops when destroyed while its input stays open") {
  Pipe pipe;
  { InputPump pump(pipe.read_end); }
  SUCCEED("the destructor returned although nothing was written or closed");
}
