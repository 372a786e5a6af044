#pragma once
/// A bounded hand-over of EventBatches from one producer thread to one
/// consumer thread, which returns the emptied batches for reuse.
///
/// Bounded so that a producer faster than its consumer waits instead of
/// holding the log in memory: at most kCapacity batches (of at most 64 KiB of
/// records each) are in flight. Deep enough that the producer keeps reading
/// while the consumer waits for the policy at its first denial: Debian's
/// policy takes about 20 ms to load, in which 2-4 MB of log are read.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "event_batch.hpp"

namespace avcsift::parse {

/// Batches in flight between the two halves of an EventReader.
class BatchQueue {
 public:
  /// Batches handed over but not yet recycled, at most.
  static constexpr std::size_t kCapacity = 16;

  /// Producer: hands `batch` over and puts an empty one in its place; waits
  /// while the queue is full. False (and `batch` kept) once the consumer
  /// stopped or abandon() was called.
  bool hand_over(std::unique_ptr<EventBatch>& batch);
  /// Producer: no more batches will come.
  void close();
  /// Producer: waits until every batch handed over has been processed.
  void wait_until_idle();
  /// Either side: the remaining batches will not be processed.
  void abandon();

  /// Consumer: the next batch, or null once closed and drained (or abandoned).
  std::unique_ptr<EventBatch> take();
  /// Consumer: `batch` is processed; it becomes available for reuse.
  void recycle(std::unique_ptr<EventBatch> batch);

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<EventBatch>> waiting_;
  std::vector<std::unique_ptr<EventBatch>> spare_;
  std::size_t in_flight_ = 0;  // handed over, not yet recycled
  bool closed_ = false;
  bool abandoned_ = false;
};

}  // namespace avcsift::parse
