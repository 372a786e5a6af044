#include "avcsift/refpolicy/permission_map.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <vector>

#include "avcsift/model/error.hpp"

namespace avcsift::refpolicy {
namespace {

std::vector<std::string> fields_of(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> fields;
  for (std::string field; in >> field;) fields.push_back(field);
  return fields;
}

/// The built-in weighting: a few names that only reveal metadata or pass a
/// handle weigh 1, content flows weigh 10, and the rest take the default.
PermissionFlow guess_flow(std::string_view perm) {
  struct Guess {
    std::string_view name;
    PermissionFlow flow;
  };
  static constexpr std::array<Guess, 16> kGuesses{{
      {"getattr", {true, false, 7}},  {"search", {true, false, 1}},  {"open", {true, false, 1}},
      {"ioctl", {false, false, 1}},   {"lock", {false, false, 1}},   {"read", {true, false, 10}},
      {"write", {false, true, 10}},   {"append", {false, true, 10}}, {"create", {false, true, 1}},
      {"setattr", {false, true, 7}},  {"execute", {true, false, 10}}, {"map", {true, false, 1}},
      {"add_name", {false, true, 1}}, {"remove_name", {false, true, 1}}, {"unlink", {false, true, 1}},
      {"name_bind", {false, true, 1}},
  }};
  for (const auto& guess : kGuesses) {
    if (guess.name == perm) return guess.flow;
  }
  return {};
}

}  // namespace

PermissionMap PermissionMap::read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string() + ": cannot read the permission map");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path.string());
}

PermissionMap PermissionMap::parse(std::string_view text, const std::string& origin) {
  PermissionMap map;
  std::map<std::string, PermissionFlow, std::less<>>* current = nullptr;
  std::istringstream in{std::string(text)};
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const auto fields = fields_of(line);
    // Blank lines, comments and the lone class count carry no mapping.
    if (fields.size() <= 1 || fields[0].starts_with('#')) continue;
    const std::string where = origin + ":" + std::to_string(number) + ": ";
    if (fields[0] == "class") {
      if (map.classes_.count(fields[1]) != 0) throw Error(where + "class '" + fields[1] + "' is mapped twice");
      current = &map.classes_[fields[1]];
      continue;
    }
    if (current == nullptr) throw Error(where + "permission before the first class line");
    if (fields.size() != 3 || fields[1].size() != 1) {
      throw Error(where + "expected 'PERMISSION DIRECTION WEIGHT'");
    }
    PermissionFlow flow;
    switch (fields[1][0]) {
      case 'r': flow = {true, false, 0}; break;
      case 'w': flow = {false, true, 0}; break;
      case 'b': flow = {true, true, 0}; break;
      case 'n': flow = {false, false, 0}; break;
      default: throw Error(where + "direction '" + fields[1] + "' is not r, w, b or n");
    }
    try {
      flow.weight = std::stoi(fields[2]);
    } catch (const std::exception&) {
      throw Error(where + "weight '" + fields[2] + "' is not a number");
    }
    (*current)[fields[0]] = flow;
  }
  return map;
}

PermissionMap PermissionMap::built_in() {
  PermissionMap map;
  map.built_in_ = true;
  return map;
}

PermissionFlow PermissionMap::flow(const std::string& tclass, const std::string& perm) const {
  if (built_in_) return guess_flow(perm);
  const auto found = classes_.find(tclass);
  if (found == classes_.end()) return {};
  const auto mapped = found->second.find(perm);
  return mapped == found->second.end() ? PermissionFlow{} : mapped->second;
}

int PermissionMap::weight(const std::string& tclass, const std::set<std::string>& perms) const {
  int total = 0;
  for (const auto& perm : perms) total += flow(tclass, perm).weight;
  return total;
}

bool PermissionMap::writes(const std::string& tclass, const std::set<std::string>& perms) const {
  for (const auto& perm : perms) {
    if (flow(tclass, perm).writes) return true;
  }
  return false;
}

}  // namespace avcsift::refpolicy
