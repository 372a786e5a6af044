#pragma once
// A JSON object written member by member, in exactly the bytes nlohmann's
// dump(2) gives for the whole document, so a report of 10,000 findings never
// holds all of them as one JSON tree (with its copy and its text: about
// 150 MB where one finding at a time takes a few kilobytes).
#include <nlohmann/json.hpp>

#include <ostream>
#include <string_view>
#include <vector>

namespace avcsift::emit {

/// The top-level object of a JSON document, indented by two spaces.
class StreamedJsonObject {
 public:
  /// Starts the object on `out`.
  explicit StreamedJsonObject(std::ostream& out) : out_(out) { out_ << '{'; }
  StreamedJsonObject(const StreamedJsonObject&) = delete;
  StreamedJsonObject& operator=(const StreamedJsonObject&) = delete;

  /// Writes `"key": value`.
  void member(std::string_view key, const nlohmann::ordered_json& value);
  /// Starts `"key": [` in the object open now; elements follow, then end_array().
  void begin_array(std::string_view key);
  /// One element of the array begun last.
  void element(const nlohmann::ordered_json& value);
  /// Ends the array begun last (`[]` when it got no element).
  void end_array();
  /// Starts `"key": {` in the object open now; members (and arrays) follow,
  /// then end_object().
  void begin_object(std::string_view key);
  /// Ends the object begun last (`{}` when it got no member).
  void end_object();
  /// Ends the object and the document (with a newline).
  void finish();

 private:
  void key(std::string_view name);
  /// Starts a member or element: a comma unless first, a line break, the indent.
  void next_line();
  /// Closes the innermost container with `bracket`.
  void close(char bracket);
  [[nodiscard]] int depth() const { return static_cast<int>(first_.size()); }
  /// `value` as dump(2) prints it `depth` levels deep (log text with
  /// invalid UTF-8 replaced rather than aborting the output).
  void nested(const nlohmann::ordered_json& value, int depth);

  std::ostream& out_;
  /// Per open container, outermost first: whether it has no item yet.
  std::vector<bool> first_{true};
};

}  // namespace avcsift::emit
