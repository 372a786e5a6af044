// StreamedJsonObject: a document written member by member, with nested
// objects and arrays, is byte for byte what nlohmann's dump(2) gives.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

#include "streamed_json.hpp"

using avcsift::emit::StreamedJsonObject;
using nlohmann::ordered_json;

TEST_CASE("a streamed document with nested objects and arrays equals dump(2) of the whole") {
  const ordered_json counters = {{"lines", 3}, {"names", {"a", "b"}}};
  const ordered_json rule = {{"source_type", "a_t"}, {"stamp", {{"s", 1}, {"ms", 2}}}};
  std::ostringstream streamed;
  StreamedJsonObject document(streamed);
  document.member("summary", {{"schema_version", 5}});
  document.begin_array("empty");
  document.end_array();
  document.begin_object("aggregate");
  document.member("counters", counters);
  document.begin_object("nothing");
  document.end_object();
  document.begin_array("rules");
  document.element(rule);
  document.element(rule);
  document.end_array();
  document.end_object();
  document.member("last", nullptr);
  document.finish();

  ordered_json whole;
  whole["summary"] = {{"schema_version", 5}};
  whole["empty"] = ordered_json::array();
  whole["aggregate"]["counters"] = counters;
  whole["aggregate"]["nothing"] = ordered_json::object();
  whole["aggregate"]["rules"] = {rule, rule};
  whole["last"] = nullptr;
  CHECK(streamed.str() == whole.dump(2) + "\n");
}

TEST_CASE("an empty streamed document is an empty object") {
  std::ostringstream streamed;
  StreamedJsonObject document(streamed);
  document.finish();
  CHECK(streamed.str() == "{}\n");
}
