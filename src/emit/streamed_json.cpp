#include "streamed_json.hpp"

#include <string>

namespace avcsift::emit {

using nlohmann::ordered_json;

void StreamedJsonObject::nested(const ordered_json& value, int depth) {
  const std::string text = value.dump(2, ' ', false, ordered_json::error_handler_t::replace);
  // dump() indents from column 0; a nested value's lines move right by its
  // depth. Strings never hold a raw newline (JSON escapes it), so every
  // newline in the text is a line break of the layout.
  const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    out_.write(text.data() + start, static_cast<std::streamsize>(end - start));
    out_ << '\n' << indent;
    start = end + 1;
  }
  out_.write(text.data() + start, static_cast<std::streamsize>(text.size() - start));
}

void StreamedJsonObject::next_line() {
  out_ << (first_.back() ? "\n" : ",\n") << std::string(static_cast<std::size_t>(2 * depth()), ' ');
  first_.back() = false;
}

void StreamedJsonObject::close(char bracket) {
  const bool empty = first_.back();
  first_.pop_back();
  if (!empty) out_ << '\n' << std::string(static_cast<std::size_t>(2 * depth()), ' ');
  out_ << bracket;
}

void StreamedJsonObject::key(std::string_view name) {
  next_line();
  out_ << ordered_json(name).dump() << ": ";
}

void StreamedJsonObject::member(std::string_view name, const ordered_json& value) {
  key(name);
  nested(value, depth());
}

void StreamedJsonObject::begin_array(std::string_view name) {
  key(name);
  out_ << '[';
  first_.push_back(true);
}

void StreamedJsonObject::element(const ordered_json& value) {
  next_line();
  nested(value, depth());
}

void StreamedJsonObject::end_array() { close(']'); }

void StreamedJsonObject::begin_object(std::string_view name) {
  key(name);
  out_ << '{';
  first_.push_back(true);
}

void StreamedJsonObject::end_object() { close('}'); }

void StreamedJsonObject::finish() {
  close('}');
  out_ << '\n';
}

}  // namespace avcsift::emit
