#include "avcsift/cli/live_feed.hpp"

#include "avcsift/input/line_reader.hpp"

namespace avcsift::cli {

LiveFeed::LiveFeed(std::string name, parse::EventSink& sink, Diagnostics& diagnostics, IngestStats& stats,
                   std::optional<input::DateOrder> date_order)
    : name_(std::move(name)),
      stats_(stats),
      normalizer_(current_year(), date_order),
      // Record text is not kept: watch writes rules and a report, not audit2why's per-denial text.
      events_(name_, sink, diagnostics, stats.parse, /*keep_record_text=*/false),
      line_feed_{normalizer_, scratch_, events_, name_} {}

void LiveFeed::feed(std::string_view bytes) {
  stats_.bytes += bytes.size();
  while (!bytes.empty()) {
    const auto newline = bytes.find('\n');
    const std::string_view piece = bytes.substr(0, newline);
    if (overlong_length_ > 0) {
      overlong_length_ += piece.size();
    } else if (partial_.size() + piece.size() > input::kMaxLineLength) {
      // Memory stays bounded by one line whatever the stream sends.
      overlong_length_ = partial_.size() + piece.size();
      partial_.clear();
    } else {
      partial_.append(piece);
    }
    if (newline == std::string_view::npos) return;
    bytes.remove_prefix(newline + 1);
    ++line_number_;
    ++stats_.lines;
    if (overlong_length_ > 0) {
      note_overlong_line({name_, line_number_}, overlong_length_, events_, stats_);
      overlong_length_ = 0;
      continue;
    }
    take_line(partial_);
    partial_.clear();
  }
}

void LiveFeed::take_line(std::string_view text) { ingest_line(text, line_number_, line_feed_, stats_); }

void LiveFeed::age() { events_.age(); }

void LiveFeed::finish() {
  if (!partial_.empty() || overlong_length_ > 0) {
    feed("\n");
    --stats_.bytes;  // the newline the stream did not send
  }
  events_.finish();
}

}  // namespace avcsift::cli
