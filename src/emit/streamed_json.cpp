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

void StreamedJsonObject::key(std::string_view name) {
  out_ << (first_member_ ? "\n  " : ",\n  ") << ordered_json(name).dump() << ": ";
  first_member_ = false;
}

void StreamedJsonObject::member(std::string_view name, const ordered_json& value) {
  key(name);
  nested(value, 1);
}

void StreamedJsonObject::begin_array(std::string_view name) {
  key(name);
  out_ << '[';
  first_element_ = true;
}

void StreamedJsonObject::element(const ordered_json& value) {
  out_ << (first_element_ ? "\n    " : ",\n    ");
  first_element_ = false;
  nested(value, 2);
}

void StreamedJsonObject::end_array() { out_ << (first_element_ ? "]" : "\n  ]"); }

void StreamedJsonObject::finish() { out_ << (first_member_ ? "}\n" : "\n}\n"); }

}  // namespace avcsift::emit
