#include "avcsift/cli/input_pump.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "avcsift/model/error.hpp"

namespace avcsift::cli {
namespace {

/// Bytes per read(): a pipe's whole default buffer.
constexpr std::size_t kReadSize = 64 * 1024;

void make_pipe(int& read_end, int& write_end) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC | O_NONBLOCK) != 0) throw Error(std::string("pipe: ") + std::strerror(errno));
  read_end = ends[0];
  write_end = ends[1];
}

void close_if_open(int fd) {
  if (fd >= 0) ::close(fd);
}

/// Writes one byte into a non-blocking pipe; a full pipe already says the same.
void poke(int fd) {
  const char byte = 0;
  [[maybe_unused]] const auto written = ::write(fd, &byte, 1);
}

void drain(int fd) {
  char bytes[64];
  while (::read(fd, bytes, sizeof bytes) > 0) {
  }
}

}  // namespace

InputPump::InputPump(int fd, std::size_t max_buffered) : input_(fd), max_buffered_(max_buffered) {
  make_pipe(ready_read_, ready_write_);
  try {
    make_pipe(wake_read_, wake_write_);
  } catch (...) {
    close_if_open(ready_read_);
    close_if_open(ready_write_);
    throw;
  }
  thread_ = std::thread([this] { run(); });
}

InputPump::~InputPump() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  drained_.notify_all();
  poke(wake_write_);
  thread_.join();
  for (const int fd : {ready_read_, ready_write_, wake_read_, wake_write_}) close_if_open(fd);
}

void InputPump::signal_ready() { poke(ready_write_); }

PumpState InputPump::take(std::string& out) {
  // Empty the "ready" pipe before taking the bytes: a byte the thread writes
  // after this point then announces bytes that are still to be taken.
  drain(ready_read_);
  std::unique_lock lock(mutex_);
  const bool was_full = buffer_.size() >= max_buffered_;
  if (out.empty()) {
    out.swap(buffer_);  // no copy of what may be megabytes read during a write
  } else {
    out.append(buffer_);
    buffer_.clear();
  }
  const PumpState state = state_;
  lock.unlock();
  if (was_full) drained_.notify_all();
  return state;
}

void InputPump::settle() {
  std::unique_lock lock(mutex_);
  if (state_.ended) return;
  const std::uint64_t asked = ++settle_asked_;
  lock.unlock();
  poke(wake_write_);
  lock.lock();
  settled_.wait_for(lock, std::chrono::milliseconds(kSettleWaitMs),
                    [&] { return settle_done_ >= asked || state_.ended; });
}

bool InputPump::read_once(std::string& chunk) {
  const ssize_t count = ::read(input_, chunk.data(), chunk.size());
  if (count < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
    // A signal, or another reader of a shared non-blocking standard input
    // took what poll() announced: the input is still open.
    return true;
  }
  std::unique_lock lock(mutex_);
  if (count <= 0) {
    state_ = {true, count < 0 ? errno : 0};
    lock.unlock();
    settled_.notify_all();
    signal_ready();
    return false;
  }
  const bool was_empty = buffer_.empty();
  buffer_.append(chunk.data(), static_cast<std::size_t>(count));
  if (was_empty) signal_ready();
  // Beyond the bound, stop reading until the main loop takes the bytes.
  drained_.wait(lock, [this] { return stopping_ || buffer_.size() < max_buffered_; });
  return !stopping_;
}

bool InputPump::read_available(std::string& chunk) {
  while (true) {
    pollfd input = {input_, POLLIN, 0};
    if (::poll(&input, 1, 0) <= 0) return true;
    if (!read_once(chunk)) return false;
  }
}

void InputPump::run() {
  std::string chunk(kReadSize, '\0');
  while (true) {
    pollfd fds[2] = {{input_, POLLIN, 0}, {wake_read_, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      {
        const std::lock_guard lock(mutex_);
        state_ = {true, errno};
      }
      settled_.notify_all();
      signal_ready();
      return;
    }
    if (fds[1].revents != 0) {
      drain(wake_read_);
      std::unique_lock lock(mutex_);
      if (stopping_) return;
      const std::uint64_t asked = settle_asked_;
      lock.unlock();
      if (!read_available(chunk)) return;
      lock.lock();
      settle_done_ = asked;
      lock.unlock();
      settled_.notify_all();
      continue;
    }
    if (!read_once(chunk)) return;
  }
}

}  // namespace avcsift::cli
