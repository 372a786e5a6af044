#include "avcsift/model/diagnostics.hpp"

#include <mutex>
#include <ostream>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

namespace avcsift {

Diagnostics::Diagnostics(std::ostream& out, std::uint64_t limit) : out_(out), limit_(limit) {
  // A private logger (not registered globally) so tests can capture output and
  // several Diagnostics can coexist; the pattern gives the one house style
  // `avcsift: warning: file:line: message`.
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out, /*force_flush=*/true);
  logger_ = std::make_shared<spdlog::logger>("avcsift", std::move(sink));
  logger_->set_pattern("%n: %l: %v");
  logger_->set_level(spdlog::level::info);
}

Diagnostics::~Diagnostics() = default;

void Diagnostics::warn(const SourceLocation& where, std::string_view message) {
  const std::lock_guard lock(mutex_);
  ++warnings_;
  if (warnings_ > limit_) return;
  logger_->warn("{}: {}", where.str(), message);
}

void Diagnostics::warn(std::string_view message) {
  const std::lock_guard lock(mutex_);
  ++warnings_;
  if (warnings_ > limit_) return;
  logger_->warn("{}", message);
}

void Diagnostics::error(std::string_view message) {
  const std::lock_guard lock(mutex_);
  ++errors_;
  logger_->error("{}", message);
}

void Diagnostics::note(std::string_view message) {
  const std::lock_guard lock(mutex_);
  logger_->info("{}", message);
}

void Diagnostics::set_quiet(bool quiet) {
  const std::lock_guard lock(mutex_);
  logger_->set_level(quiet ? spdlog::level::warn : spdlog::level::info);
}

void Diagnostics::draw(std::string_view text) {
  const std::lock_guard lock(mutex_);
  out_ << text << std::flush;
}

void Diagnostics::finish() {
  const std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  if (warnings_ > limit_) {
    logger_->warn("{} more warnings not shown ({} in all)", warnings_ - limit_, warnings_);
  }
}

}  // namespace avcsift
