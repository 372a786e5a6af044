#include "avcsift/refpolicy/sepolgen_interface_info.hpp"

#include <map>
#include <sstream>
#include <tuple>

#include "avcsift/model/error.hpp"

namespace avcsift::refpolicy {
namespace {

ParamKind kind_of(const std::string& word) {
  if (word == "source") return ParamKind::Source;
  if (word == "target") return ParamKind::Target;
  if (word == "object") return ParamKind::Class;
  return ParamKind::Other;  // role, destination
}

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> parts;
  std::istringstream in(line);
  for (std::string part; std::getline(in, part, separator);) parts.push_back(part);
  return parts;
}

}  // namespace

InterfaceDatabase read_sepolgen_interface_info(std::istream& in, const std::string& origin) {
  std::vector<Interface> interfaces;
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty()) continue;
    const std::string where = origin + ":" + std::to_string(number) + ": ";
    if (line.front() == '[') {
      if (line.back() != ']') throw Error(where + "expected '[InterfaceVector NAME $N:KIND ... ]'");
      std::istringstream words(line.substr(1, line.size() - 2));
      std::string keyword;
      Interface one;
      if (!(words >> keyword >> one.name) || keyword != "InterfaceVector") {
        throw Error(where + "expected '[InterfaceVector NAME $N:KIND ... ]'");
      }
      for (std::string param; words >> param;) {
        const auto colon = param.find(':');
        if (colon == std::string::npos || !is_param(param.substr(0, colon))) {
          throw Error(where + "bad parameter '" + param + "'");
        }
        const auto index = static_cast<std::size_t>(std::stoi(param.substr(1, colon - 1)));
        if (one.params.size() < index) one.params.resize(index, ParamKind::Unused);
        one.params[index - 1] = kind_of(param.substr(colon + 1));
      }
      one.file = origin;
      interfaces.push_back(std::move(one));
      continue;
    }
    const auto fields = split(line, ',');
    if (interfaces.empty() || fields.size() < 4) throw Error(where + "expected 'SOURCE,TARGET,CLASS,PERM...'");
    AccessRule rule{fields[0], fields[1], fields[2], {fields.begin() + 3, fields.end()}};
    interfaces.back().rules.push_back(std::move(rule));
  }
  return InterfaceDatabase(std::move(interfaces));
}

}  // namespace avcsift::refpolicy
