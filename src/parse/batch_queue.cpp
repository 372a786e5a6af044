#include "batch_queue.hpp"

namespace avcsift::parse {

bool BatchQueue::hand_over(std::unique_ptr<EventBatch>& batch) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return in_flight_ < kCapacity || abandoned_; });
  if (abandoned_) return false;
  waiting_.push_back(std::move(batch));
  ++in_flight_;
  if (spare_.empty()) {
    batch = std::make_unique<EventBatch>();
  } else {
    batch = std::move(spare_.back());
    spare_.pop_back();
  }
  changed_.notify_all();
  return true;
}

void BatchQueue::close() {
  const std::lock_guard lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

void BatchQueue::wait_until_idle() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return in_flight_ == 0 || abandoned_; });
}

void BatchQueue::abandon() {
  const std::lock_guard lock(mutex_);
  abandoned_ = true;
  waiting_.clear();
  changed_.notify_all();
}

std::unique_ptr<EventBatch> BatchQueue::take() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !waiting_.empty() || closed_ || abandoned_; });
  if (abandoned_ || waiting_.empty()) return nullptr;
  auto batch = std::move(waiting_.front());
  waiting_.pop_front();
  return batch;
}

void BatchQueue::recycle(std::unique_ptr<EventBatch> batch) {
  batch->clear();
  const std::lock_guard lock(mutex_);
  spare_.push_back(std::move(batch));
  --in_flight_;
  changed_.notify_all();
}

}  // namespace avcsift::parse
