#pragma once
/// Reads watch's standard input on a thread of its own, so that the writer
/// of the pipe (auditd's dispatcher, which stalls every plugin when one of
/// them stops reading) is never held up while watch writes its outputs.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace avcsift::cli {

/// What InputPump::take() found besides the bytes.
struct PumpState {
  bool ended = false;  ///< the input ended (end of file or a read error); nothing more comes.
  int error = 0;       ///< errno of the read error that ended it, 0 for end of file.
};

/// Copies a descriptor into memory on a background thread, up to a bound
/// (beyond it the thread stops reading until the bytes are taken, so the
/// pipe fills and its writer waits, as without the pump).
class InputPump {
 public:
  /// Most bytes read and not yet taken: a write of thousands of findings
  /// takes a second or two, in which a feed of 50,000 records a second
  /// brings about 20 MB.
  static constexpr std::size_t kMaxBuffered = 64u << 20;

  /// Starts reading `fd`; throws avcsift::Error when the thread's pipes
  /// cannot be made.
  explicit InputPump(int fd, std::size_t max_buffered = kMaxBuffered);
  /// Stops the thread (it may be waiting for input that never comes).
  ~InputPump();
  InputPump(const InputPump&) = delete;
  InputPump& operator=(const InputPump&) = delete;

  /// A descriptor to poll for POLLIN: readable when bytes or the end wait.
  [[nodiscard]] int fd() const { return ready_read_; }
  /// Appends the bytes read since the last call to `out`.
  PumpState take(std::string& out);
  /// Waits until the thread has read what the input holds right now (at
  /// most kSettleWaitMs), so that a write asked for by a signal includes the
  /// records written before the signal was sent.
  void settle();

  /// The longest settle() waits.
  static constexpr int kSettleWaitMs = 200;

 private:
  void run();
  void signal_ready();
  /// Reads until the input has nothing more right now (or the bound is
  /// reached); false when the input ended or the pump is stopping.
  bool read_available(std::string& chunk);
  /// Reads once; false when the input ended or the pump is stopping.
  bool read_once(std::string& chunk);

  int input_;
  std::size_t max_buffered_;
  int ready_read_ = -1, ready_write_ = -1;  ///< "bytes or the end wait"
  int wake_read_ = -1, wake_write_ = -1;    ///< "stop, or settle": see stopping_ and settle_asked_
  std::mutex mutex_;
  std::condition_variable drained_;  ///< the buffer was taken, or stop
  std::condition_variable settled_;  ///< settle_done_ caught up with settle_asked_
  std::string buffer_;
  PumpState state_;
  bool stopping_ = false;
  std::uint64_t settle_asked_ = 0, settle_done_ = 0;
  std::thread thread_;
};

}  // namespace avcsift::cli
